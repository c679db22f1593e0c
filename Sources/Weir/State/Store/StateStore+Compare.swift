import Foundation

/// What `weir compare` needs about a set of versions: read in one transaction with a handful of
/// batched queries, however many versions there are.
public struct ComparisonRecords: Sendable {
    /// The versions, in the order asked for (ids without a version are left out).
    public var versions: [VersionRecord]
    /// Run id → the params of its fingerprint.
    public var params: [String: [String: JSONValue]]
    /// Run id → metric name → its latest value and unit.
    public var metrics: [String: [String: (value: Double, unit: String)]]
}

extension StateStore {
    /// At most this many ids go into one `IN (…)` list.
    static let batchSize = 500

    /// `start` and its ancestors by parent, newest first, at most `limit` of them.
    public func lineage(from start: Int64, limit: Int) throws -> [Int64] {
        try read("read the versions' parents") { db in
            var parents: [Int64: Int64?] = [:]
            try db.forEachRow("SELECT id, parent FROM versions", []) { row in
                if let id = try row.integer(at: 0) { parents[id] = try row.integer(at: 1) }
            }
            var result: [Int64] = []
            var next: Int64? = parents[start] == nil ? nil : start
            while let id = next, result.count < limit, !result.contains(id) {
                result.append(id)
                next = parents[id] ?? nil
            }
            return result
        }
    }

    /// The versions `ids`, the params of their runs' fingerprints and their runs' metrics.
    public func comparisonRecords(versions ids: [Int64]) throws -> ComparisonRecords {
        try read("read the versions to compare") { db in
            var stages: [Int64: [String: String]] = [:]
            var versions: [Int64: VersionRecord] = [:]
            for chunk in Self.chunks(Array(Set(ids)).sorted()) {
                let list = Self.placeholders(chunk.count)
                try db.forEachRow(
                    "SELECT version, stage, run FROM version_stages WHERE version IN (\(list))", StateArguments(chunk)
                ) { row in
                    guard let version = try row.integer(at: 0), let stage = try row.text(at: 1),
                        let run = try row.text(at: 2)
                    else { throw invalid("version_stages", "version", "NULL") }
                    stages[version, default: [:]][stage] = run
                }
                let rows = try fetch(
                    db, table: "versions",
                    sql: "SELECT \(Self.versionColumns) FROM versions WHERE id IN (\(list))",
                    arguments: StateArguments(chunk)
                ) { row in try decodeVersion(row, stages: stages) }
                for version in rows { versions[version.id] = version }
            }
            let runs = Array(Set(stages.values.flatMap(\.values))).sorted()
            var params: [String: [String: JSONValue]] = [:]
            var metrics: [String: [String: (value: Double, unit: String)]] = [:]
            for chunk in Self.chunks(runs) {
                let list = Self.placeholders(chunk.count)
                try db.forEachRow("SELECT id, fingerprint FROM runs WHERE id IN (\(list))", StateArguments(chunk)) {
                    row in
                    guard let id = try row.text(at: 0), let text = try row.text(at: 1) else { return }
                    params[id] = (try? JSONValue.parse(text))?["params"]?.objectValue ?? [:]
                }
                // Ordered by id, so a metric recorded again (a forced run) keeps its latest value.
                try db.forEachRow(
                    "SELECT run, name, value, unit FROM metrics WHERE run IN (\(list)) ORDER BY id",
                    StateArguments(chunk)
                ) { row in
                    guard let run = try row.text(at: 0), let name = try row.text(at: 1),
                        let value = try row.real(at: 2)
                    else { return }
                    metrics[run, default: [:]][name] = (value, try row.text(at: 3) ?? "")
                }
            }
            return ComparisonRecords(
                versions: ids.compactMap { versions[$0] }, params: params, metrics: metrics)
        }
    }

    static func chunks<T>(_ values: [T]) -> [[T]] {
        stride(from: 0, to: values.count, by: batchSize).map { Array(values[$0..<min($0 + batchSize, values.count)]) }
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
