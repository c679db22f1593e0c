import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StageJob {
    /// The live, incrementally updated dataset of an ingest stage. Each run commits an immutable
    /// snapshot of it (hard links, no copies) as its output folder.
    static func liveDataset(project: ProjectLocation, stage: String) -> String {
        project.stateDirectory + "/datasets/" + stage
    }

    /// Stages the raw files into the live dataset, then links its files into the run's output
    /// folder and writes the batch summary next to the logs.
    func runIngest(into pending: PendingRun) throws -> ChildResult {
        guard let spec = stage.ingest else { throw IngestFileError(message: "the stage has no ingest options") }
        let started = Date()
        let cpuBefore = Self.processUsage().cpuSeconds
        let live = Self.liveDataset(project: project, stage: stage.name)
        let digest = Digest.sha256Hex(Array(stage.command.utf8))
        let configuration = try spec.configuration(project: project, output: live, digest: digest)
        var context = IngestRunner.Context(session: session, weirVersion: WeirVersion.current)
        context.statCache = try Self.sourceHashes(project: project, source: spec.source)
        if showOutput {
            let name = stage.name
            context.progress = { done, total in
                if done == total || done % 500 == 0 { Console.shared.line("[\(name)] staged \(done)/\(total) files") }
            }
        }
        let result = try IngestRunner(configuration: configuration).run(context)
        try DatasetSnapshot.link(live, into: pending.outputFolder)
        let summary = result.summary
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try FileManager.default.createDirectory(atPath: pending.logsFolder, withIntermediateDirectories: true)
        try FileSync.writeDurably(Array(try encoder.encode(summary)), to: pending.logsFolder + "/ingest-summary.json")
        if showOutput {
            Console.shared.line("[\(stage.name)] " + summary.text)
        }
        let usage = Self.processUsage()
        return ChildResult(
            status: 0, signal: nil, wallSeconds: Date().timeIntervalSince(started),
            cpuSeconds: usage.cpuSeconds - cpuBefore, peakMemoryBytes: usage.peakBytes)
    }

    /// Known hashes of the source files, relative to the source folder, from the stat cache that
    /// the status check has just brought up to date.
    static func sourceHashes(project: ProjectLocation, source: String) throws -> [String: (stat: FileStat, sha256: String)] {
        guard let store = try StateStore.openReadOnly(project) else { return [:] }
        let prefix = source + "/"
        var result: [String: (stat: FileStat, sha256: String)] = [:]
        for (path, entry) in try store.statCacheEntries() where path.hasPrefix(prefix) {
            let stat = FileStat(kind: .file, device: entry.device, inode: entry.inode, size: entry.size, mtimeNanoseconds: entry.mtimeNanoseconds)
            result[String(path.dropFirst(prefix.count))] = (stat, entry.sha256)
        }
        return result
    }

    /// This process's CPU seconds (user + system) and peak resident bytes so far.
    static func processUsage() -> (cpuSeconds: Double, peakBytes: Int64) {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
        return (cpu, Int64(usage.ru_maxrss) * 1024)
    }
}

extension IngestSummary {
    /// One line for the console: `discovered 40 · staged 30 · skipped 0 · rejected 10 · 1,200 rows · 0.8 s`.
    var text: String {
        var parts = ["discovered \(discovered)", "staged \(staged)", "skipped \(skipped)", "rejected \(rejected)"]
        if filteredOut > 0 { parts.append("filtered out \(filteredOut)") }
        if deleted > 0 { parts.append("deleted sources \(deleted)") }
        parts.append("\(rows) rows")
        if rejectedRows > 0 { parts.append("\(rejectedRows) rejected rows") }
        if let snapshot { parts.append("manifest snapshot \(snapshot)") }
        parts.append(String(format: "%.2f s", seconds))
        return parts.joined(separator: " · ")
    }
}

/// Commits a dataset's current state as a run output: the same files, hard-linked.
enum DatasetSnapshot {
    /// Recreates the folder tree of `source` under `target` with every file hard-linked (copied
    /// when the file system refuses links), skipping the batch marker.
    static func link(_ source: String, into target: String) throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: target, withIntermediateDirectories: true)
        guard let walker = fileManager.enumerator(atPath: source) else { return }
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".batch-in-progress") || relative.contains(".tmp-") { continue }
            let from = source + "/" + relative
            let to = target + "/" + relative
            var info = stat()
            guard lstat(from, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                try fileManager.createDirectory(atPath: to, withIntermediateDirectories: true)
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                if Glibc.link(from, to) != 0 {
                    try fileManager.copyItem(atPath: from, toPath: to)
                }
            }
        }
    }
}
