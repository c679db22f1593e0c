import Foundation

/// Versions side by side (`weir compare`): one row per version, a column for every param whose
/// value differs between them and for every metric of their runs (user metrics, rows, wall time).
///
/// Param columns are named as `--set` names params: `clean.factor`, or just `units` when every
/// stage that has the param holds the same value in every version. Metric columns are
/// `STAGE:NAME` (`train:loss.val`, `clean:wall_time`, `stage:rows_staged`).
public struct VersionComparison: Sendable {
    public enum ColumnKind: String, Sendable { case param, metric }

    public struct Column: Sendable, Hashable {
        public var name: String
        public var kind: ColumnKind
        /// A metric's unit (`s`, `rows`, empty for user metrics); nil for params.
        public var unit: String?
    }

    public struct Row: Sendable {
        public var version: VersionRecord
        public var isHead: Bool
        /// Param column → value; absent when the version's runs lack the param.
        public var params: [String: JSONValue]
        /// Metric column → value.
        public var metrics: [String: Double]

        /// The value of `column` for sorting: metrics and numeric params as numbers, other params as text.
        func sortKey(_ column: Column) -> SortKey? {
            switch column.kind {
            case .metric: return metrics[column.name].map(SortKey.number)
            case .param:
                switch params[column.name] {
                case .int(let value)?: return .number(Double(value))
                case .double(let value)?: return .number(value)
                case let value?: return .text(value.displayText)
                case nil: return nil
                }
            }
        }
    }

    enum SortKey: Comparable {
        case number(Double)
        case text(String)
    }

    public private(set) var columns: [Column]
    public private(set) var rows: [Row]

    /// Builds the table from what the store holds; `stage` keeps only that stage's params and metrics.
    public init(_ records: ComparisonRecords, head: Int64?, stage: String? = nil) {
        var perStage: [Int64: [String: [String: JSONValue]]] = [:]  // version → param name → stage → value
        var metricUnits: [String: String] = [:]
        var rows: [Row] = []
        for version in records.versions {
            var metrics: [String: Double] = [:]
            for (stageName, run) in version.stages where stage == nil || stageName == stage {
                for (name, value) in records.params[run] ?? [:] {
                    perStage[version.id, default: [:]][name, default: [:]][stageName] = value
                }
                for (name, metric) in records.metrics[run] ?? [:] where Self.isCompared(name, unit: metric.unit) {
                    let column = "\(stageName):\(name)"
                    metrics[column] = metric.value
                    metricUnits[column] = metric.unit
                }
            }
            rows.append(Row(version: version, isHead: version.id == head, params: [:], metrics: metrics))
        }
        // A param every stage holds alike in every version is one column; else one per stage.
        let versionIDs = rows.map(\.version.id)
        let shared = Set(perStage.values.flatMap(\.keys)).filter { Self.isShared($0, perStage, versions: versionIDs) }
        var paramColumns: Set<String> = []
        for index in rows.indices {
            for (name, byStage) in perStage[rows[index].version.id] ?? [:] {
                if shared.contains(name) {
                    rows[index].params[name] = byStage.values.first
                    paramColumns.insert(name)
                } else {
                    for (stageName, value) in byStage {
                        rows[index].params["\(stageName).\(name)"] = value
                        paramColumns.insert("\(stageName).\(name)")
                    }
                }
            }
        }
        let differing = paramColumns.filter { column in
            Set(rows.map { $0.params[column] }).count > 1
        }
        self.rows = rows
        self.columns =
            differing.sorted().map { Column(name: $0, kind: .param, unit: nil) }
            + metricUnits.keys.sorted {
                Self.metricOrder($0, metricUnits[$0]!) < Self.metricOrder($1, metricUnits[$1]!)
            }
            .map { Column(name: $0, kind: .metric, unit: metricUnits[$0]) }
    }

    /// User metrics (no unit), row counts and wall time; the other built-in measures stay in `weir metrics`.
    static func isCompared(_ name: String, unit: String) -> Bool {
        unit.isEmpty || unit == "rows" || name == "wall_time"
    }

    /// User metrics first, then rows, then wall time; by stage and name within each.
    private static func metricOrder(_ column: String, _ unit: String) -> (Int, String) {
        (unit.isEmpty ? 0 : unit == "rows" ? 1 : 2, column)
    }

    /// Whether `name` is held by more than one stage and by all of them alike, in every version.
    private static func isShared(
        _ name: String, _ perStage: [Int64: [String: [String: JSONValue]]], versions: [Int64]
    ) -> Bool {
        var stages: Set<String> = []
        for version in versions {
            let byStage = perStage[version]?[name] ?? [:]
            stages.formUnion(byStage.keys)
            if Set(byStage.values).count > 1 { return false }
        }
        return stages.count > 1
    }

    /// The columns `name` may name: the one named so exactly, else every column ending in `:name`
    /// or `.name` (one match names a column; several are ambiguous).
    public func columns(matching name: String) -> [Column] {
        if let exact = columns.first(where: { $0.name == name }) { return [exact] }
        return columns.filter { $0.name.hasSuffix(":" + name) || $0.name.hasSuffix("." + name) }
    }

    /// The names a column can be given by: full names, and metric names without their stage.
    public var columnNames: [String] {
        columns.map(\.name)
            + columns.filter { $0.kind == .metric }.compactMap {
                $0.name.split(separator: ":", maxSplits: 1).last.map(String.init)
            }
    }

    /// Sorts the rows by `column`, largest first unless `ascending`; rows without a value come last.
    public mutating func sort(by column: Column, ascending: Bool) {
        rows = rows.enumerated().sorted { left, right in
            switch (left.element.sortKey(column), right.element.sortKey(column)) {
            case (let a?, let b?) where a != b: return ascending ? a < b : b < a
            case (nil, _?): return false
            case (_?, nil): return true
            default: return left.offset < right.offset
            }
        }.map(\.element)
    }
}
