import Foundation

extension StageJob {
    /// Runs a command stage's command as a Slurm job: the same command, folder, environment and params
    /// file as a local run, its output copied into the run's `_logs/` (and shown live) as it comes.
    ///
    /// - Returns: how the command ended; `slurmEnd` says so when Slurm ended the job itself.
    func runOnSlurm(
        _ command: String, environment: [String: String], pending: PendingRun, relay: StageOutputRelay
    ) throws -> ChildResult {
        let script = SlurmJobScript(folder: pending.path + "/_slurm", isArray: false)
        try script.write(
            command: command, directory: project.root, description: "stage '\(stage.name)', run \(pending.runID)")
        let client = SlurmClient()
        let started = ChildProcess.monotonicSeconds()
        let id = try client.submit(
            script: script.scriptPath,
            arguments: SlurmSubmission.arguments(project: project, stage: stage, script: script),
            environment: SlurmSubmission.environment(environment))
        SlurmSubmission.record(jobID: id, in: script)
        Interruption.shared.submitted(slurmJob: id)
        defer { Interruption.shared.ended(slurmJob: id) }
        // An interruption that came while sbatch ran did not know this job yet.
        if Interruption.shared.isInterrupted { try? client.cancel(id) }
        progress?.line(stage: stage.name, "Slurm job \(id) submitted")
        if showOutput { Console.shared.line("[\(stage.name)] submitted Slurm job \(id)") }

        let tails = [
            SlurmLogTail(path: script.logPath(.output, task: nil), stream: .output),
            SlurmLogTail(path: script.logPath(.error, task: nil), stream: .error),
        ]
        let tracker = SlurmJobTracker(client: client, jobID: id, script: script, tasks: [nil])
        let ends: [Int?: SlurmJobTracker.End]
        do {
            ends = try tracker.wait { for tail in tails { tail.pump(into: relay) } }
        } catch {
            try? client.cancel(id)
            throw error
        }
        for tail in tails { tail.pump(into: relay) }
        relay.finish()
        var result = ChildResult(
            status: 0, signal: nil, wallSeconds: ChildProcess.monotonicSeconds() - started,
            cpuSeconds: script.cpuSeconds(task: nil), peakMemoryBytes: nil, slurmJob: id)
        switch ends[nil] {
        case .exited(let status)?:
            result.status = status
        case .ended(let end)?:
            result.status = 1
            result.slurmEnd = end
        case nil:
            result.status = 1
            result.slurmEnd = "UNKNOWN"
        }
        return result
    }
}
