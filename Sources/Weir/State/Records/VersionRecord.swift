import Foundation

/// A snapshot of which run each stage points at, with the version it was derived from.
///
/// Ids are 1, 2, 3 … in creation order and shown as `v1`, `v2` ….
public struct VersionRecord: Sendable, Hashable, Codable {
    public var id: Int64
    /// The version this one was derived from; nil for a first version.
    public var parent: Int64?
    /// The command that made the version, e.g. `weir run`.
    public var command: String
    public var session: String
    public var user: String
    public var host: String
    public var createdAt: Date
    /// Stage name → run id.
    public var stages: [String: String]
    public var note: String?
    /// The param overrides the run that made it was given (`--set`, `--params FILE`); empty for `weir.yaml`'s values.
    public var overrides: [ParamOverride]

    public init(
        id: Int64, parent: Int64?, command: String, session: String, user: String, host: String, createdAt: Date,
        stages: [String: String], note: String?, overrides: [ParamOverride] = []
    ) {
        self.id = id
        self.parent = parent
        self.command = command
        self.session = session
        self.user = user
        self.host = host
        self.createdAt = createdAt
        self.stages = stages
        self.note = note
        self.overrides = overrides
    }

    /// `v3`.
    public var name: String { "v\(id)" }
}
