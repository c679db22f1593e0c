/// One job, or one task of a job array, as `scontrol show job --oneliner` describes it.
package struct SlurmJobInfo: Sendable, Hashable {
    /// `JobId`: the task's own id for an array task.
    package var jobID: String
    /// `ArrayTaskId` for an array task (a single number once the task has its own record).
    package var arrayTaskID: Int?
    /// `JobState`: PENDING, RUNNING, COMPLETED, TIMEOUT, CANCELLED, NODE_FAIL…
    package var state: String
    /// `Reason`: why it waits or why it ended (`TimeLimit`, `None`…).
    package var reason: String
    /// `ExitCode`: `status:signal`.
    package var exitCode: String

    /// Reads one line; nil when it is not a job description.
    package init?(line: String) {
        var fields: [Substring: Substring] = [:]
        for token in line.split(separator: " ") {
            guard let equals = token.firstIndex(of: "=") else { continue }
            let key = token[..<equals]
            if fields[key] == nil { fields[key] = token[token.index(after: equals)...] }
        }
        guard let id = fields["JobId"], let state = fields["JobState"] else { return nil }
        jobID = String(id)
        arrayTaskID = fields["ArrayTaskId"].flatMap { Int($0) }
        self.state = String(state)
        reason = String(fields["Reason"] ?? "None")
        exitCode = String(fields["ExitCode"] ?? "0:0")
    }

    package init(jobID: String, arrayTaskID: Int?, state: String, reason: String, exitCode: String) {
        self.jobID = jobID
        self.arrayTaskID = arrayTaskID
        self.state = state
        self.reason = reason
        self.exitCode = exitCode
    }

    /// Slurm will not run the job any more.
    package var hasEnded: Bool { !Self.activeStates.contains(state) }

    /// Whether the job ran its script to the end (the script then writes its exit-code file).
    package var ranToTheEnd: Bool { state == "COMPLETED" || state == "FAILED" }

    /// States in which the job is waiting, running or being wound down.
    static let activeStates: Set<String> = [
        "PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED",
        "RESIZING", "SIGNALING", "STAGE_OUT", "STOPPED", "RESV_DEL_HOLD", "SPECIAL_EXIT",
    ]

    /// How Slurm ended the job, for a message: `TIMEOUT (reason 'TimeLimit')`.
    package var endDescription: String {
        reason == "None" || reason.isEmpty ? state : "\(state) (reason '\(reason)')"
    }

    /// What to do about a job Slurm ended, from its state (the first word of ``endDescription``).
    package static func advice(forEnd end: String) -> String {
        let state = end.split(separator: " ").first.map(String.init) ?? end
        switch state {
        case "TIMEOUT", "DEADLINE": return "raise 'time' in the stage's 'slurm' options and run again"
        case "OUT_OF_MEMORY": return "raise 'mem' in the stage's 'slurm' options and run again"
        case "CANCELLED": return "run again (someone or something cancelled the job: see 'scontrol show job')"
        case "NODE_FAIL", "BOOT_FAIL", "PREEMPTED":
            return "run again (the node failed or the job was preempted; check the cluster with 'sinfo')"
        default: return "check the job with 'scontrol show job' and the cluster with 'sinfo', then run again"
        }
    }
}
