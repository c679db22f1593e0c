import Foundation

/// One execution of a stage for one fingerprint.
///
/// The id is the hex SHA-256 of the stage's canonical fingerprint document, so the same inputs,
/// parameters and code always name the same run.
public struct RunRecord: Sendable, Hashable, Codable {
    public var id: String
    public var stage: String
    /// The canonical fingerprint document the id is the hash of.
    public var fingerprintJSON: String
    /// The session that executed the run.
    public var session: String
    public var status: RunStatus
    /// A JSON array of the reasons the run happened (`{"kind": "param-changed", …}`).
    public var reasonsJSON: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var exitCode: Int32?
    public var outputHash: String?
    public var outputBytes: Int64?
    public var outputFiles: Int64?
    public var wallSeconds: Double?
    public var cpuSeconds: Double?
    public var peakMemoryBytes: Int64?
    /// The Slurm job id(s) that ran it, comma-separated (`4711`, or `4711,4712` when a task was
    /// retried); nil for a local run.
    public var slurmJob: String?

    public init(
        id: String, stage: String, fingerprintJSON: String, session: String, status: RunStatus,
        reasonsJSON: String = "[]", startedAt: Date, finishedAt: Date? = nil, exitCode: Int32? = nil,
        outputHash: String? = nil, outputBytes: Int64? = nil, outputFiles: Int64? = nil,
        wallSeconds: Double? = nil, cpuSeconds: Double? = nil, peakMemoryBytes: Int64? = nil, slurmJob: String? = nil
    ) {
        self.id = id
        self.stage = stage
        self.fingerprintJSON = fingerprintJSON
        self.session = session
        self.status = status
        self.reasonsJSON = reasonsJSON
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.exitCode = exitCode
        self.outputHash = outputHash
        self.outputBytes = outputBytes
        self.outputFiles = outputFiles
        self.wallSeconds = wallSeconds
        self.cpuSeconds = cpuSeconds
        self.peakMemoryBytes = peakMemoryBytes
        self.slurmJob = slurmJob
    }
}

/// Where a run stands.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    case running, succeeded, failed
}
