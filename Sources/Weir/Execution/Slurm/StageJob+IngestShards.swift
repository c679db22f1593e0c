import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The Slurm jobs a sharded ingest submitted, for the run's record.
final class SlurmJobList: Sendable {
    private let ids = Mutex<[String]>([])
    func append(_ id: String) { ids.withLock { $0.append(id) } }
    var joined: String? { ids.withLock { $0.isEmpty ? nil : $0.joined(separator: ",") } }
}

extension StageJob {
    /// Stages `work` on a Slurm job array of `shards` tasks (fewer when there are fewer files), each
    /// running `weir _ingest-shard` on its share; a task that does not finish is retried once.
    ///
    /// - Returns: the outcomes in the order of `work`, as a local batch would have them.
    func stageOnSlurm(
        _ work: [IngestPlan.Work], stager: FileStager, now: Int64, pending: PendingRun, jobs: SlurmJobList
    ) throws -> [FileStager.Outcome] {
        guard !work.isEmpty else { return [] }
        guard let folder = ParamHandoff.weirExecutableFolder else {
            throw ShardFileError(
                message: "A sharded ingest runs the 'weir' executable on the nodes, but this program is not 'weir'. "
                    + "Run the pipeline with 'weir run', or without 'shards'.")
        }
        let shards = min(stage.execution.shards, work.count)
        let script = SlurmJobScript(folder: pending.path + "/_slurm", isArray: true)
        let plan = ShardPlan(
            projectRoot: project.root, stage: stage.name, output: pending.outputFolder,
            configurationDigest: stager.configuration.configurationDigest, session: stager.session,
            weirVersion: stager.weirVersion, now: now, known: stager.known, settled: stager.settled, shards: shards,
            work: work.map(ShardPlan.encode))
        try FileManager.default.createDirectory(atPath: script.folder, withIntermediateDirectories: true)
        let planPath = script.folder + "/shard-plan.json"
        try FileSync.writeDurably(Array(try JSONEncoder().encode(plan)), to: planPath)
        let command =
            ShellQuote.quote(folder + "/weir") + " _ingest-shard --plan " + ShellQuote.quote(planPath)
            + " --task \"$SLURM_ARRAY_TASK_ID\""
        try script.write(
            command: command, directory: project.root,
            description: "ingest stage '\(stage.name)', run \(pending.runID), \(shards) shards")
        var environment = ProcessInfo.processInfo.environment
        environment["WEIR_STAGE"] = stage.name
        environment["WEIR_RUN_ID"] = pending.runID

        var remaining = Array(0..<shards)
        var failures: [Int: String] = [:]
        for attempt in 0..<2 where !remaining.isEmpty {
            for task in remaining {
                unlink(script.exitPath(task: task))
                unlink(script.cpuPath(task: task))
            }
            let array = remaining.map(String.init).joined(separator: ",")
            let client = SlurmClient()
            let id = try client.submit(
                script: script.scriptPath,
                arguments: SlurmSubmission.arguments(project: project, stage: stage, script: script, array: array),
                environment: SlurmSubmission.environment(environment))
            SlurmSubmission.record(jobID: id, in: script)
            jobs.append(id)
            Interruption.shared.submitted(slurmJob: id)
            defer { Interruption.shared.ended(slurmJob: id) }
            if Interruption.shared.isInterrupted { try? client.cancel(id) }
            let what = attempt == 0 ? "submitted" : "retrying \(remaining.count) task(s) as"
            progress?.line(stage: stage.name, "Slurm job array \(id) \(what) (\(shards) shards)")
            if showOutput { Console.shared.line("[\(stage.name)] \(what) Slurm job array \(id) (\(shards) shards)") }
            let tracker = SlurmJobTracker(client: client, jobID: id, script: script, tasks: remaining)
            let ends: [Int?: SlurmJobTracker.End]
            do {
                ends = try tracker.wait()
            } catch {
                try? client.cancel(id)
                throw error
            }
            failures = [:]
            for task in remaining
            where !FileManager.default.fileExists(atPath: IngestShardTask.resultPath(folder: script.folder, task: task))
            {
                switch ends[task] {
                case .exited(let status)?: failures[task] = "exited with status \(status)"
                case .ended(let end)?: failures[task] = "was ended by Slurm as \(end)"
                case nil: failures[task] = "ended without a result"
                }
            }
            if !failures.isEmpty, attempt == 0, showOutput {
                for (task, failure) in failures.sorted(by: { $0.key < $1.key }) {
                    Console.shared.line("[\(stage.name)] task \(task) of job \(id) \(failure); retrying it once")
                }
            }
            remaining = failures.keys.sorted()
            if Interruption.shared.isInterrupted { break }
        }
        copyShardLogs(script: script, shards: shards, into: pending.logsFolder)
        guard failures.isEmpty else {
            let list = failures.sorted { $0.key < $1.key }.map { "task \($0.key) \($0.value)" }.joined(separator: "; ")
            throw ShardFileError(
                message: "its Slurm job array did not finish after one retry: \(list). The tasks' logs are in "
                    + "'.weir/failed/\(stage.name)/shards/'; \(SlurmJobInfo.advice(forEnd: failures.values.first ?? ""))"
            )
        }
        var outcomes = [FileStager.Outcome?](repeating: nil, count: work.count)
        for task in 0..<shards {
            let path = IngestShardTask.resultPath(folder: script.folder, task: task)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ShardFileError(message: "the result of task \(task) ('\(path)') cannot be read")
            }
            let result = try JSONDecoder().decode(ShardResult.self, from: data)
            for coded in result.outcomes {
                guard coded.index >= 0, coded.index < work.count, outcomes[coded.index] == nil,
                    coded.row.sourcePath == work[coded.index].relativePath
                else {
                    throw ShardFileError(message: "task \(task) reported a file that is not in its share")
                }
                outcomes[coded.index] = try ShardResult.decode(coded)
            }
        }
        let missing = outcomes.indices.filter { outcomes[$0] == nil }
        guard missing.isEmpty else {
            throw ShardFileError(
                message: "no task staged \(missing.count) file(s), such as '\(work[missing[0]].relativePath)'")
        }
        return outcomes.map { $0! }
    }

    /// Keeps every task's output with the run's logs, in `_logs/shards/`.
    private func copyShardLogs(script: SlurmJobScript, shards: Int, into logs: String) {
        let target = logs + "/shards"
        try? FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for task in 0..<shards {
            for stream in [Console.Stream.output, .error] {
                let source = script.logPath(stream, task: task)
                let name = (source as NSString).lastPathComponent
                try? FileManager.default.removeItem(atPath: target + "/" + name)
                try? FileManager.default.copyItem(atPath: source, toPath: target + "/" + name)
            }
        }
    }
}
