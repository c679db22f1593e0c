import Foundation

/// A structured, levelled event of a session: a stage started, a file was rejected, a warning.
public struct EventRecord: Sendable, Hashable, Codable {
    /// The row id the store gave the event; nil until it is recorded.
    public var id: Int64?
    public var session: String
    public var level: EventLevel
    /// The stage the event concerns, nil for the session as a whole.
    public var stage: String?
    /// A short machine-readable kind, e.g. `stage-started`.
    public var kind: String
    public var message: String
    /// A JSON object of structured fields.
    public var fieldsJSON: String
    public var at: Date

    public init(
        id: Int64? = nil, session: String, level: EventLevel, stage: String?, kind: String, message: String,
        fieldsJSON: String = "{}", at: Date = .now
    ) {
        self.id = id
        self.session = session
        self.level = level
        self.stage = stage
        self.kind = kind
        self.message = message
        self.fieldsJSON = fieldsJSON
        self.at = at
    }
}

/// The severity of an event, ordered `debug < info < warning < error`.
public enum EventLevel: String, Codable, Sendable, Comparable, CaseIterable {
    case debug, info, warning, error

    var rank: Int {
        switch self {
        case .debug: 0
        case .info: 1
        case .warning: 2
        case .error: 3
        }
    }

    public static func < (lhs: EventLevel, rhs: EventLevel) -> Bool { lhs.rank < rhs.rank }
}
