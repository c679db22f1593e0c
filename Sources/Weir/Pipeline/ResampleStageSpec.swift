import Foundation
import WeirColumns
import WeirCompute

/// The validated options of a `kind: resample` stage, each column name with its place in
/// `weir.yaml` so that a name the input lacks is reported there.
///
/// ``document`` is the canonical description the stage's fingerprint uses: every option that can
/// change the output is in it.
public struct ResampleStageSpec: Sendable, Hashable {
    /// A column name as written, and where.
    public struct Named: Sendable, Hashable {
        public var name: String
        public var location: SourceLocation
    }

    /// One `column: [functions]` entry of `aggregate`.
    public struct ColumnAggregates: Sendable, Hashable {
        public var column: Named
        public var functions: [AggregateFunction]
        /// Where each function is written.
        public var locations: [SourceLocation]
    }

    public var input: StageDependency.Target
    public var time: Named
    public var every: BucketWidth
    public var groupBy: [Named]
    public var aggregate: [ColumnAggregates]
    public var closed: TimeBucketing.Closed
    public var label: TimeBucketing.Label
    public var timezone: String?
    public var empty: EmptyBuckets
    public var minCount: Int
    /// The memory budget in bytes (`memory:`, 1 GiB unless given).
    public var memory: Int

    /// The keys a resample stage accepts besides `kind`, `out`, `deps` and `desc`.
    static let keys = [
        "input", "time", "every", "group_by", "aggregate", "closed", "label", "timezone", "empty", "min_count",
        "memory",
    ]

    public static let defaultMemory = 1 << 30

    /// The aggregations in output order: by column as written, then by function as written.
    public var aggregations: [Aggregation] {
        aggregate.flatMap { entry in entry.functions.map { Aggregation(entry.column.name, $0) } }
    }

    /// The grid the stage buckets on.
    public var bucketing: TimeBucketing {
        TimeBucketing(
            width: every, closed: closed, label: label, timeZone: timezone.flatMap(TimeBucketing.zone(named:)))
    }

    /// The canonical description used in the fingerprint. `memory` is left out: it changes how the
    /// result is computed, never what it is.
    public var document: JSONValue {
        let input: String
        switch self.input {
        case .path(let path): input = path
        case .stage(let stage): input = "stage:" + stage
        }
        return .object([
            "input": .string(input), "time": .string(time.name), "every_seconds": .int(every.seconds),
            "group_by": .array(groupBy.map { .string($0.name) }),
            "aggregate": .array(
                aggregate.map { entry in
                    .object([
                        "column": .string(entry.column.name),
                        "functions": .array(entry.functions.map { .string($0.rawValue) }),
                    ])
                }),
            "closed": .string(closed.rawValue), "label": .string(label.rawValue),
            "timezone": timezone.map(JSONValue.string) ?? .null, "empty": .string(empty.rawValue),
            "min_count": .int(Int64(minCount)), "version": .int(1),
        ])
    }

    /// Checks every column name and type against the input's schema, before any row is read.
    /// - Throws: `ConfigError` at the name in `weir.yaml`: an unknown column (with the closest
    ///   name the input has), a time column that is not a timestamp, an aggregation that does not
    ///   fit its column's type.
    public func check(_ schema: Schema, stage: String) throws(ConfigError) {
        func field(_ named: Named, _ role: String) throws(ConfigError) -> Field {
            if let index = schema.index(of: named.name) { return schema.fields[index] }
            let names = schema.fields.map(\.name)
            let hint =
                DidYouMean.suggestion(for: named.name, among: names).map { "Did you mean '\($0)'? " } ?? ""
            throw ConfigError(
                .invalidValue(
                    what: "\(role) of stage '\(stage)'",
                    problem: "The input has no column '\(named.name)'. \(hint)Its columns are "
                        + names.map { "'\($0)'" }.joined(separator: ", ") + "."),
                at: named.location)
        }
        let timeField = try field(time, "'time'")
        guard case .timestamp = timeField.type else {
            throw ConfigError(
                .invalidValue(
                    what: "'time' of stage '\(stage)'",
                    problem: "The column '\(time.name)' is \(timeField.type.name), not a timestamp. Name a timestamp "
                        + "column, or give it a timestamp type when it is ingested ('schema: {\(time.name): "
                        + "timestamp}')."),
                at: time.location)
        }
        for group in groupBy { _ = try field(group, "'group_by'") }
        for entry in aggregate {
            let column = try field(entry.column, "'aggregate'")
            for (function, location) in zip(entry.functions, entry.locations)
            where function.resultType(for: column.type) == nil {
                let fits = AggregateFunction.applicable(to: column.type).map(\.rawValue)
                throw ConfigError(
                    .invalidValue(
                        what: "aggregation '\(function.rawValue)' of '\(column.name)' in stage '\(stage)'",
                        problem: "'\(function.rawValue)' does not apply to the \(column.type.name) column "
                            + "'\(column.name)'. Use \(ConfigError.Kind.list(fits)) for it."),
                    at: location)
            }
        }
    }
}
