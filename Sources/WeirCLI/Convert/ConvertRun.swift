import Dispatch
import Foundation
import WeirCSV
import WeirParquet

/// Carries out a ``ConvertPlan``: large files one after another, each parsed on every core while
/// the Parquet writer encodes; small files several at a time, one core each. Either way memory
/// stays bounded by a few chunks and one row group per file in flight.
final class ConvertRun: @unchecked Sendable {
    /// What the run did.
    struct Report {
        var files = 0
        var rows = 0
        var rejected = 0
        var bytes = 0
        var seconds = 0.0
        var failures: [String] = []

        func summary(plan: ConvertPlan, rejectsPath: String?) -> String {
            var text =
                "Converted \(files) file\(files == 1 ? "" : "s") (\(rows) rows, \(ByteCount.text(bytes))) to "
                + "'\(plan.output)' in " + String(format: "%.2f s", seconds) + "."
            if rejected > 0, let rejectsPath {
                text += " Set aside \(rejected) bad row\(rejected == 1 ? "" : "s") in '\(rejectsPath)'."
            }
            if !failures.isEmpty { text += " \(failures.count) file\(failures.count == 1 ? "" : "s") failed." }
            return text
        }
    }

    /// Files at least this large are parsed with every core.
    static let largeFileBytes = 16 << 20
    /// Small files converted at once per thread.
    static let smallFilesPerThread = 8

    private let plan: ConvertPlan
    private let csvOptions: CSVOptions
    private let writerOptions: ParquetWriterOptions
    private let workers: Int
    private let rejects: RejectsSink?
    private let progress: ConvertProgress
    private let lock = NSLock()
    private var report = Report()
    private var nextSmall = 0
    private var small: [ConvertPlan.Job] = []
    private var createdFolders: Set<String> = []

    init(
        plan: ConvertPlan, csvOptions: CSVOptions, writerOptions: ParquetWriterOptions, workers: Int,
        rejects: RejectsSink?
    ) {
        self.plan = plan
        self.csvOptions = csvOptions
        self.writerOptions = writerOptions
        self.workers = workers
        self.rejects = rejects
        progress = ConvertProgress(totalBytes: plan.totalBytes, totalFiles: plan.jobs.count)
    }

    func execute() -> Report {
        let started = DispatchTime.now()
        progress.begin()
        let large = plan.jobs.filter { $0.size >= Self.largeFileBytes }
        small = plan.jobs.filter { $0.size < Self.largeFileBytes }
        for job in large { convert(job, parallelism: workers) }
        // A small file spends much of its time waiting for the writer's flush to disk, so several
        // per thread are in flight; each needs little memory.
        let inFlight = min(workers * Self.smallFilesPerThread, small.count)
        let group = DispatchGroup()
        for _ in 0..<inFlight {
            group.enter()
            Thread.detachNewThread { [self] in
                while let job = takeSmall() { convert(job, parallelism: 1) }
                group.leave()
            }
        }
        group.wait()
        progress.end()
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return report
    }

    private func takeSmall() -> ConvertPlan.Job? {
        lock.lock()
        defer { lock.unlock() }
        guard nextSmall < small.count else { return nil }
        nextSmall += 1
        return small[nextSmall - 1]
    }

    private func convert(_ job: ConvertPlan.Job, parallelism: Int) {
        do {
            let (rows, rejected) = try convertFile(job, parallelism: parallelism)
            lock.withLock {
                report.files += 1
                report.rows += rows
                report.rejected += rejected
                report.bytes += job.size
            }
        } catch {
            let text: String
            switch error {
            case let error as CSVError: text = error.description
            case let error as ParquetError: text = error.description
            case let error as ConvertFailed: text = error.description
            default: text = "'\(job.output)': \(error.localizedDescription)"
            }
            if let csvError = error as? CSVError { try? rejects?.addFailure(csvError, file: job.input) }
            lock.withLock { report.failures.append(text) }
        }
        progress.fileDone()
    }

    private func createFolder(of path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty, !lock.withLock({ createdFolders.contains(folder) }) else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        lock.withLock { _ = createdFolders.insert(folder) }
    }

    private func convertFile(_ job: ConvertPlan.Job, parallelism: Int) throws -> (rows: Int, rejected: Int) {
        var options = csvOptions
        options.parallelism = parallelism
        var reported = 0
        defer { progress.add(bytes: job.size - reported) }
        let reader = try CSVReader(path: job.input, options: options)
        var writerOptions = self.writerOptions
        for line in reader.metadata {
            if let key = line.key { writerOptions.keyValueMetadata[key] = line.value ?? "" }
        }
        try createFolder(of: job.output)
        let writer = try ParquetWriter(path: job.output, schema: reader.schema, options: writerOptions)
        var rows = 0
        var rejected = 0
        do {
            while let batch = try reader.next() {
                if batch.records.rowCount > 0 { try writer.write(batch.records) }
                try rejects?.add(batch.rejects, file: job.input)
                rows += batch.records.rowCount
                rejected += batch.rejects.count
                progress.add(bytes: reader.bytesRead - reported)
                reported = reader.bytesRead
            }
            try writer.close()
        } catch {
            writer.abort()
            throw error
        }
        return (rows, rejected)
    }
}
