import Foundation

/// One measured value: wall or CPU time, peak memory, rows, bytes … of a stage run or a session.
public struct MetricRecord: Sendable, Hashable, Codable {
    /// The row id the store gave the metric; nil until it is recorded.
    public var id: Int64?
    public var session: String
    /// The stage measured, nil for a session-wide metric.
    public var stage: String?
    /// The run measured, nil when the metric is not about one run.
    public var run: String?
    /// e.g. `wall_seconds`, `rows`.
    public var name: String
    public var value: Double
    /// e.g. `s`, `bytes`, `rows`.
    public var unit: String
    public var at: Date

    public init(
        id: Int64? = nil, session: String, stage: String?, run: String?, name: String, value: Double, unit: String,
        at: Date = .now
    ) {
        self.id = id
        self.session = session
        self.stage = stage
        self.run = run
        self.name = name
        self.value = value
        self.unit = unit
        self.at = at
    }
}
