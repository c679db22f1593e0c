import Foundation

extension VersionComparison {
    /// One object per row, as `weir compare --json` and `/api/compare` print them: `version`, `id`,
    /// `parent`, `head`, `created_at`, `command`, `overrides`, and `params` and `metrics` by column
    /// (null where the version has no value).
    public var json: JSONValue {
        .array(
            rows.map { row in
                let version = row.version
                var params: [String: JSONValue] = [:]
                var metrics: [String: JSONValue] = [:]
                for column in columns {
                    switch column.kind {
                    case .param: params[column.name] = row.params[column.name] ?? .null
                    case .metric: metrics[column.name] = row.metrics[column.name].map(JSONValue.double) ?? .null
                    }
                }
                return [
                    "version": .string(version.name),
                    "id": .int(version.id),
                    "parent": version.parent.map(JSONValue.int) ?? .null,
                    "head": .bool(row.isHead),
                    "created_at": .string(StateTime.format(version.createdAt)),
                    "command": .string(version.command),
                    "overrides": version.overrides.json,
                    "params": .object(params),
                    "metrics": .object(metrics),
                ]
            })
    }

    /// A metric value in full precision: integers without a fraction.
    public static func numberText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
