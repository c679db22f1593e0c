import Foundation
import WeirCSV
import WeirColumns
import WeirCompression
import WeirCompute
import WeirParquet

/// What an export run read and wrote, kept next to its logs as `transform-summary.json`.
struct TransformSummary: Codable, Sendable {
    var kind: String
    var rowsIn = 0
    var batchesIn = 0
    var rowsOut = 0
    var filesOut = 0
    var bytesOut = 0
    var spillFiles = 0
    var spillBytes = 0
    var seconds = 0.0
    /// Warnings to record as events (quality rules of severity `warn` that failed).
    var warnings: [String] = []
    /// Facts about the run to record as events (a resample's passthrough); absent from older files.
    var notices: [String]? = nil

    var text: String {
        var parts = ["\(rowsIn) rows in"]
        if filesOut > 0 { parts.append("\(filesOut) file\(filesOut == 1 ? "" : "s"), \(bytesOut) bytes") }
        if spillFiles > 0 { parts.append("spilled \(spillFiles) files, \(spillBytes) bytes") }
        parts.append(String(format: "%.2f s", seconds))
        return parts.joined(separator: " · ")
    }

    func write(to pending: PendingRun) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try FileManager.default.createDirectory(atPath: pending.logsFolder, withIntermediateDirectories: true)
        try FileSync.writeDurably(Array(try encoder.encode(self)), to: pending.logsFolder + "/transform-summary.json")
    }
}

/// One output file of an export: CSV (optionally gzip, a member per batch) or Parquet, written
/// under a temporary name and renamed into place when closed.
private final class ExportFile {
    private let path: String
    private let temporary: String
    private var csv: CSVWriter?
    private var handle: FileHandle?
    private var parquet: ParquetWriter?
    private let gzip: Bool
    private(set) var bytes = 0

    init(path: String, schema: Schema, spec: ExportStageSpec) throws {
        self.path = path
        temporary = path + ".tmp-\(getpid())"
        gzip = spec.compression == .gzip
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        switch spec.format {
        case .csv:
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                let handle = FileHandle(forWritingAtPath: temporary)
            else { throw TransformRunError("The file '\(temporary)' cannot be created. Check the disk.") }
            self.handle = handle
            csv = CSVWriter(schema: schema)
        case .parquet:
            var options = ParquetWriterOptions()
            options.rowGroupRows = spec.rowGroupRows
            options.codec =
                switch spec.compression {
                case .none: .uncompressed
                case .gzip: .gzip
                case .zstd: .zstd
                case .snappy: .snappy
                }
            parquet = try ParquetWriter(path: path, schema: schema, options: options)
        }
    }

    func write(_ batch: RecordBatch) throws {
        if let parquet {
            try parquet.write(batch)
            return
        }
        guard let csv, let handle else { return }
        try csv.write(batch)
        try emit(csv.takeBytes(), to: handle)
    }

    private func emit(_ text: [UInt8], to handle: FileHandle) throws {
        guard !text.isEmpty else { return }
        // Concatenated gzip members are one gzip file to every reader (gunzip, Python, DuckDB).
        let data = gzip ? try Compression.compress(text, codec: .gzip) : text
        try handle.write(contentsOf: data)
        bytes += data.count
    }

    func close() throws {
        if let parquet {
            bytes = try parquet.close().bytes
            return
        }
        guard let csv, let handle else { return }
        try emit(csv.takeBytes(), to: handle)
        try handle.synchronize()
        try handle.close()
        guard rename(temporary, path) == 0 else {
            throw TransformRunError("The file '\(path)' cannot be put in place: \(String(cString: strerror(errno))).")
        }
    }

    func abort() {
        parquet?.abort()
        try? handle?.close()
        unlink(temporary)
    }
}

extension StageJob {
    /// The input's path for a transform stage, absolute.
    func transformInput(_ name: String = "input") throws -> String {
        guard let input = depPaths[name] else { throw TransformRunError("the stage's \(name) has no path") }
        return input.hasPrefix("/") ? input : project.root + "/" + input
    }

    /// Writes the input out as CSV or Parquet files, batch by batch; with `partition_by`, sorted
    /// into one folder per value (spilling past `memory:`), the partition columns left out of the
    /// files as Hive readers expect.
    func runExport(into pending: PendingRun) throws -> ChildResult {
        guard let spec = stage.export else { throw TransformRunError("the stage has no export options") }
        let started = Date()
        let cpuBefore = Self.processUsage().cpuSeconds
        let inputPath = try transformInput()
        var summary = TransformSummary(kind: "export")
        let scan = ObservedStream(try ParquetScan(paths: [inputPath])) { batch in
            try cancellation?.check()
            summary.rowsIn += batch.rowCount
            summary.batchesIn += 1
        }
        try spec.check(scan.schema, stage: stage.name)
        try FileManager.default.createDirectory(atPath: pending.outputFolder, withIntermediateDirectories: true)
        let budget = MemoryBudget(limit: spec.memory)
        let keys = spec.partitionBy.map(\.name)
        let reporter = progress
        let name = stage.name
        if keys.isEmpty {
            var stream: any BatchStream = scan
            let file = try ExportFile(path: pending.outputFolder + "/" + spec.file, schema: scan.schema, spec: spec)
            do {
                while let batch = try stream.next() {
                    try file.write(batch)
                    summary.rowsOut += batch.rowCount
                    reporter?.update(stage: name, done: Int64(summary.rowsOut), total: nil, unit: "rows")
                }
                try file.close()
            } catch {
                file.abort()
                throw error
            }
            summary.filesOut = 1
            summary.bytesOut = file.bytes
        } else {
            let spill = try SpillFolder(in: pending.path, budget: budget)
            var sorted = try ExternalSort(scan, by: keys.map { SortKey($0) }, budget: budget, spill: spill)
            let kept = scan.schema.fields.filter { !keys.contains($0.name) }.map(\.name)
            let keyIndices = keys.compactMap { scan.schema.index(of: $0) }
            let projected = Schema(scan.schema.fields.filter { !keys.contains($0.name) })
            var current: (folder: String, file: ExportFile)?
            do {
                while let batch = try sorted.next() {
                    var start = 0
                    while start < batch.rowCount {
                        let folder = keys.indices.map { index in
                            HivePartition.segment(
                                key: keys[index], value: batch.columns[keyIndices[index]].value(at: start).text)
                        }.joined(separator: "/")
                        var end = start + 1
                        while end < batch.rowCount
                            && keyIndices.allSatisfy({
                                batch.columns[$0].value(at: end) == batch.columns[$0].value(at: start)
                            })
                        {
                            end += 1
                        }
                        if current?.folder != folder {
                            if let open = current {
                                try open.file.close()
                                summary.bytesOut += open.file.bytes
                            }
                            current = (
                                folder,
                                try ExportFile(
                                    path: pending.outputFolder + "/" + folder + "/" + spec.file, schema: projected,
                                    spec: spec)
                            )
                            summary.filesOut += 1
                        }
                        let slice = batch.slice(start..<end)
                        let columns = kept.compactMap { slice.column(named: $0) }
                        try current!.file.write(RecordBatch(columns: columns))
                        summary.rowsOut += end - start
                        start = end
                    }
                    reporter?.update(stage: name, done: Int64(summary.rowsOut), total: nil, unit: "rows")
                }
                if let open = current {
                    try open.file.close()
                    summary.bytesOut += open.file.bytes
                }
            } catch {
                current?.file.abort()
                throw error
            }
        }
        summary.spillFiles = budget.spillFiles
        summary.spillBytes = budget.spilledBytes
        summary.seconds = Date().timeIntervalSince(started)
        try summary.write(to: pending)
        if showOutput { Console.shared.line("[\(stage.name)] " + summary.text) }
        let usage = Self.processUsage()
        return ChildResult(
            status: 0, signal: nil, wallSeconds: Date().timeIntervalSince(started),
            cpuSeconds: usage.cpuSeconds - cpuBefore, peakMemoryBytes: usage.peakBytes)
    }
}

/// A transform run (resample, export, quality) that cannot go on for a reason outside the configuration.
struct TransformRunError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
