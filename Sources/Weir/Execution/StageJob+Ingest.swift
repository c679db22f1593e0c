import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StageJob {
    /// Stages the raw files into the run's output folder, which starts as a copy (hard links) of
    /// the dataset of the stage's previous run, and writes the batch summary next to the logs.
    ///
    /// - Returns: the child result, and the content hashes known without reading the files back
    ///   (linked files and new parts), by path relative to the output folder.
    func runIngest(into pending: PendingRun) throws -> (ChildResult, [String: StatCacheEntry]) {
        guard let spec = stage.ingest else { throw IngestFileError(message: "the stage has no ingest options") }
        let started = Date()
        let cpuBefore = Self.processUsage().cpuSeconds
        var known: [String: StatCacheEntry] = [:]
        if let previous = previousRun, runs.isCommitted(previous) {
            known = try DatasetSnapshot.link(
                runs.outputFolder(previous), record: try? runs.record(previous), into: pending.outputFolder)
        }
        PhaseTrace.mark("ingest: previous linked")
        let digest = Digest.sha256Hex(Array(stage.command.utf8))
        var configuration = try spec.configuration(project: project, output: pending.outputFolder, digest: digest)
        // The run's folder only becomes visible when the run commits.
        configuration.outputIsTemporary = true
        var context = IngestRunner.Context(session: session, weirVersion: WeirVersion.current)
        context.restageAll = replacing
        context.run = pending.runID
        context.statCache = try Self.sourceHashes(project: project, source: spec.source)
        let name = stage.name
        let showOutput = self.showOutput
        let reporter = progress
        context.progress = { done, total in
            reporter?.update(stage: name, done: Int64(done), total: Int64(total), unit: "files")
            if showOutput, done == total || done % 500 == 0 {
                Console.shared.line("[\(name)] staged \(done)/\(total) files")
            }
        }
        let slurmJobs = SlurmJobList()
        if stage.execution.executor == .slurm {
            let job = self
            context.distribute = { work, stager, now in
                try job.stageOnSlurm(work, stager: stager, now: now, pending: pending, jobs: slurmJobs)
            }
        }
        PhaseTrace.mark("ingest: stat cache loaded")
        let result = try IngestRunner(configuration: configuration).run(context)
        PhaseTrace.mark("ingest: batch done")
        for (path, part) in result.parts {
            known[path] = StatCacheEntry(
                path: path, device: part.stat.device, inode: part.stat.inode, size: part.stat.size,
                mtimeNanoseconds: part.stat.mtimeNanoseconds, sha256: part.sha256)
        }
        let summary = result.summary
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try FileManager.default.createDirectory(atPath: pending.logsFolder, withIntermediateDirectories: true)
        try FileSync.writeDurably(Array(try encoder.encode(summary)), to: pending.logsFolder + "/ingest-summary.json")
        if showOutput {
            Console.shared.line("[\(stage.name)] " + summary.text)
        }
        let usage = Self.processUsage()
        let child = ChildResult(
            status: 0, signal: nil, wallSeconds: Date().timeIntervalSince(started),
            cpuSeconds: usage.cpuSeconds - cpuBefore, peakMemoryBytes: usage.peakBytes, slurmJob: slurmJobs.joined)
        return (child, known)
    }

    /// Known hashes of the source files, relative to the source folder, from the stat cache that
    /// the status check has just brought up to date.
    static func sourceHashes(project: ProjectLocation, source: String) throws -> [String: (
        stat: FileStat, sha256: String
    )] {
        guard let store = try StateStore.openReadOnly(project) else { return [:] }
        let prefix = source + "/"
        var result: [String: (stat: FileStat, sha256: String)] = [:]
        for (path, entry) in try store.statCacheEntries() where path.hasPrefix(prefix) {
            let stat = FileStat(
                kind: .file, device: entry.device, inode: entry.inode, size: entry.size,
                mtimeNanoseconds: entry.mtimeNanoseconds)
            result[String(path.dropFirst(prefix.count))] = (stat, entry.sha256)
        }
        return result
    }

    /// This process's CPU seconds (user + system) and peak resident bytes so far.
    static func processUsage() -> (cpuSeconds: Double, peakBytes: Int64) {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let cpu =
            Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
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
