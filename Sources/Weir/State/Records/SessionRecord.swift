import Foundation

/// One invocation of a state-changing command (`weir run`, `weir checkout`, `weir gc` …).
///
/// Every event, progress record and metric belongs to one session.
public struct SessionRecord: Sendable, Hashable, Codable {
    /// A lowercase UUID.
    public var id: String
    /// The command, e.g. `weir run`.
    public var command: String
    /// The command's arguments after the command name.
    public var arguments: [String]
    public var pid: Int32
    public var host: String
    public var user: String
    /// The working folder the command ran in.
    public var cwd: String
    public var startedAt: Date
    public var endedAt: Date?
    public var status: SessionStatus
    /// A one-line account of what the session did, set when it ends.
    public var summary: String?

    public init(
        id: String, command: String, arguments: [String], pid: Int32, host: String, user: String, cwd: String,
        startedAt: Date, endedAt: Date? = nil, status: SessionStatus = .running, summary: String? = nil
    ) {
        self.id = id
        self.command = command
        self.arguments = arguments
        self.pid = pid
        self.host = host
        self.user = user
        self.cwd = cwd
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.status = status
        self.summary = summary
    }
}

/// How a session ended, or that it has not ended yet.
public enum SessionStatus: String, Codable, Sendable, CaseIterable {
    case running, succeeded, failed, interrupted
}
