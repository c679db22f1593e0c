import Foundation

/// How far a session (or one of its stages) has got: `done` of `total` `unit`s.
public struct ProgressRecord: Sendable, Hashable, Codable {
    /// The row id the store gave the record; nil until it is recorded.
    public var id: Int64?
    public var session: String
    /// The stage, nil for the session as a whole.
    public var stage: String?
    public var done: Int64
    /// nil when the total is not known.
    public var total: Int64?
    /// What is counted: `files`, `rows`, `bytes` …
    public var unit: String
    public var message: String?
    public var at: Date

    public init(
        id: Int64? = nil, session: String, stage: String?, done: Int64, total: Int64?, unit: String,
        message: String?, at: Date = .now
    ) {
        self.id = id
        self.session = session
        self.stage = stage
        self.done = done
        self.total = total
        self.unit = unit
        self.message = message
        self.at = at
    }
}
