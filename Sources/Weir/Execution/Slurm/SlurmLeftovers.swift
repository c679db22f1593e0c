import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Finds the Slurm jobs a killed `weir run` of this project left behind and cancels them, before
/// their run folders are removed, so that a new run never has two jobs of a stage at once.
///
/// A job is found by the id its run recorded in its temporary folder (`_slurm/job-id`), and, when
/// the pipeline uses Slurm, by name (`weir-<project key>-…`) among this user's queued jobs: only the
/// holder of the project lock submits jobs, so every such job that runs now was left behind.
package enum SlurmLeftovers {
    /// Cancels the leftover jobs and waits (a bounded while) until Slurm has ended them.
    ///
    /// - Returns: the ids of the jobs cancelled, sorted.
    package static func cancel(project: ProjectLocation, runs: RunStore, searchQueue: Bool) -> [String] {
        var ids = Set(recordedJobs(runs: runs))
        let client = SlurmClient()
        if searchQueue, let queued = try? client.queuedJobs() {
            let prefix = SlurmSubmission.jobNamePrefix(project)
            for job in queued where job.name.hasPrefix(prefix) {
                // `1234_5` is task 5 of array 1234: cancelling the array cancels it.
                ids.insert(String(job.id.split(separator: "_").first ?? Substring(job.id)))
            }
        }
        guard !ids.isEmpty, SlurmClient.executable("scancel", path: nil) != nil else { return [] }
        var cancelled: [String] = []
        for id in ids.sorted() {
            let active = (try? client.jobs(id))?.contains { !$0.hasEnded } ?? false
            guard active else { continue }
            if (try? client.cancel(id)) != nil { cancelled.append(id) }
        }
        // Their commands must stop before their folders go.
        let deadline = ChildProcess.monotonicSeconds() + 60
        while ChildProcess.monotonicSeconds() < deadline {
            let running = cancelled.filter { id in (try? client.jobs(id))?.contains { !$0.hasEnded } ?? false }
            if running.isEmpty { break }
            usleep(500_000)
        }
        return cancelled
    }

    /// Job ids recorded in the temporary folders of runs whose process is gone.
    static func recordedJobs(runs: RunStore) -> [String] {
        var ids: [String] = []
        for name in runs.leftoverNames() {
            let parts = name.split(separator: "-")
            guard parts.count >= 4, let pid = Int32(parts[parts.count - 2]), pid != getpid(),
                !(kill(pid, 0) == 0 || errno == EPERM)
            else { continue }
            let path = runs.directory + "/" + name + "/_slurm/job-id"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            ids += text.split(whereSeparator: \.isNewline).map(String.init).filter { $0.allSatisfy(\.isNumber) }
        }
        return ids
    }
}
