import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Follows a submitted job (or the tasks of a job array) until each has ended, by its exit-status
/// file and `scontrol show job`; never by Slurm's accounting, which many clusters do not run.
///
/// Two troubles of real clusters are expected: the controller not answering for a while (each
/// failed query is retried; only a long run of failures gives up) and the shared filesystem showing
/// a file late (a job Slurm reports as done gets a bounded while for its exit file to appear).
package struct SlurmJobTracker {
    package let jobID: String
    package let script: SlurmJobScript
    /// The array tasks to follow; `[nil]` for a single job.
    package let tasks: [Int?]
    /// Time to wait for an exit file after Slurm says the job is done (shared-filesystem lag).
    package var exitFileWaitSeconds = SlurmJobTracker.environmentSeconds("WEIR_SLURM_EXIT_WAIT", default: 60)
    /// Seconds between two `scontrol` queries.
    package var queryInterval = SlurmJobTracker.environmentSeconds("WEIR_SLURM_POLL", default: 1)
    /// How long `scontrol` may keep failing before the job is given up.
    package var queryFailureSeconds = SlurmJobTracker.environmentSeconds("WEIR_SLURM_QUERY_TIMEOUT", default: 300)

    /// Asks Slurm about a job (`scontrol show job`); replaceable to test the tracker's handling of
    /// a slow filesystem or a controller that does not answer.
    package var query: (String) throws -> [SlurmJobInfo]

    package init(client: SlurmClient, jobID: String, script: SlurmJobScript, tasks: [Int?]) {
        self.query = { id in try client.jobs(id) }
        self.jobID = jobID
        self.script = script
        self.tasks = tasks
    }

    /// How one job or task ended.
    package enum End: Sendable, Hashable {
        /// The script ran to its end; the command's exit status.
        case exited(Int32)
        /// Slurm ended it before the script could finish (time limit, node failure, cancelled):
        /// its state and reason.
        case ended(String)
    }

    /// Waits for every task to end, calling `tick` between checks (to copy logs along).
    ///
    /// - Throws: ``SlurmError`` when `scontrol` keeps failing, or a job Slurm says is done leaves no
    ///   exit file within ``exitFileWaitSeconds``.
    package func wait(tick: () -> Void = {}) throws(SlurmError) -> [Int?: End] {
        var ends: [Int?: End] = [:]
        var doneSince: [Int?: Double] = [:]
        var lastQuery = -Double.infinity
        var failingSince: Double?
        var lastFailure = ""
        while true {
            tick()
            for task in tasks where ends[task] == nil {
                if let status = script.exitStatus(task: task) { ends[task] = .exited(status) }
            }
            if ends.count == tasks.count { return ends }
            let now = ChildProcess.monotonicSeconds()
            if now - lastQuery >= queryInterval {
                lastQuery = now
                var fatal: SlurmError?
                do {
                    let infos = try query(jobID)
                    failingSince = nil
                    for task in tasks where ends[task] == nil {
                        let info = Self.info(for: task, in: infos)
                        // Forgotten by Slurm (or ended): the exit file may still be on its way.
                        guard info?.hasEnded ?? true else { continue }
                        if let info, !info.ranToTheEnd {
                            // Give a cancelled job's script a moment: it may have written its status.
                            if now - (doneSince[task] ?? now) >= 2 { ends[task] = .ended(info.endDescription) }
                            doneSince[task] = doneSince[task] ?? now
                            continue
                        }
                        let since = doneSince[task] ?? now
                        doneSince[task] = since
                        if now - since >= exitFileWaitSeconds {
                            let state = info?.endDescription ?? "no longer known to Slurm"
                            fatal = SlurmError.exitFileMissing(
                                job: jobID + (task.map { "_\($0)" } ?? ""), state: state,
                                path: script.exitPath(task: task), seconds: Int(exitFileWaitSeconds))
                        }
                    }
                } catch {
                    lastFailure = "\(error)"
                    failingSince = failingSince ?? now
                    if now - failingSince! >= queryFailureSeconds {
                        throw SlurmError.commandFailed(
                            command: "scontrol show job \(jobID)", status: -1,
                            message: "it kept failing for \(Int(queryFailureSeconds)) seconds (last: \(lastFailure))")
                    }
                }
                if let fatal { throw fatal }
            }
            if ends.count == tasks.count { return ends }
            usleep(200_000)
        }
    }

    /// The record of `task` among a job's records: the single job, or the array task with that index
    /// (a pending range such as `0-3` has no index of its own and counts as not ended).
    static func info(for task: Int?, in infos: [SlurmJobInfo]) -> SlurmJobInfo? {
        guard let task else { return infos.first }
        if let own = infos.first(where: { $0.arrayTaskID == task }) { return own }
        // Tasks not yet started share one record with a range of indices.
        if let pending = infos.first(where: { $0.arrayTaskID == nil && !$0.hasEnded }) { return pending }
        return nil
    }

    static func environmentSeconds(_ name: String, default value: Double) -> Double {
        ProcessInfo.processInfo.environment[name].flatMap(Double.init).map { max(0, $0) } ?? value
    }
}
