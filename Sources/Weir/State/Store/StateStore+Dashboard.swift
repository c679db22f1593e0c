import Foundation

/// A position in the list of runs, newest first: the last run of one page, from which the next starts.
public struct RunCursor: Sendable, Hashable {
    /// The run's `started_at` exactly as the store keeps it.
    public var startedAt: String
    public var id: String

    public init(startedAt: String, id: String) {
        self.startedAt = startedAt
        self.id = id
    }

    /// `2026-12-02T06:00:56.123Z~ab12…`, safe in a URL query.
    public var token: String { startedAt + "~" + id }

    /// Parses ``token``; nil when `token` is not one.
    public init?(token: String) {
        guard let tilde = token.lastIndex(of: "~") else { return nil }
        let time = String(token[..<tilde])
        let id = String(token[token.index(after: tilde)...])
        guard StateTime.parse(time) != nil, !id.isEmpty,
            id.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        self.init(startedAt: time, id: id)
    }
}

/// One page of runs and where the next one starts.
public struct RunPage: Sendable {
    public var runs: [RunRecord]
    /// nil on the last page.
    public var next: RunCursor?
}

/// One run's measure in a chart of runs over time.
public struct RunMeasure: Sendable, Hashable {
    public var run: String
    public var startedAt: Date
    public var value: Double
}

/// What the dashboard (`weir serve`) reads: pages by cursor and series, each one indexed query.
extension StateStore {
    /// Runs newest first, `limit` at a time, after `cursor`; optionally of one stage or one status.
    ///
    /// Each page costs one query bounded by `limit`, however many runs the store holds.
    public func runPage(stage: String?, status: RunStatus?, after cursor: RunCursor?, limit: Int) throws -> RunPage {
        var conditions: [String] = []
        var arguments: [(any StateValueConvertible)?] = []
        if let stage {
            conditions.append("stage = ?")
            arguments.append(stage)
        }
        if let status {
            conditions.append("status = ?")
            arguments.append(status.rawValue)
        }
        if let cursor {
            conditions.append("(started_at < ? OR (started_at = ? AND id > ?))")
            arguments += [cursor.startedAt, cursor.startedAt, cursor.id]
        }
        let size = max(1, limit)
        arguments.append(Int64(size + 1))
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT \(Self.runColumns) FROM runs\(filter) ORDER BY started_at DESC, id LIMIT ?"
        let statementArguments = StateArguments(arguments)
        let rows = try read("read a page of runs") { db in
            try fetch(db, table: "runs", sql: sql, arguments: statementArguments) { row in
                (try Self.decodeRun(row), try row.text(6))
            }
        }
        let page = Array(rows.prefix(size))
        let next = rows.count > size ? page.last.map { RunCursor(startedAt: $0.1, id: $0.0.id) } : nil
        return RunPage(runs: page.map(\.0), next: next)
    }

    /// How many runs the store holds, by stage.
    public func runCounts() throws -> [String: Int] {
        try read("count the runs") { db in
            var counts: [String: Int] = [:]
            try db.forEachRow("SELECT stage, COUNT(*) FROM runs GROUP BY stage", []) { row in
                guard let stage = try row.text(at: 0), let count = try row.integer(at: 1) else { return }
                counts[stage] = Int(count)
            }
            return counts
        }
    }

    /// A run column (`wall_seconds`, `cpu_seconds`, `peak_memory_bytes`) over the latest `limit` runs of
    /// `stage` that have it, oldest first.
    public func runSeries(stage: String, column: RunSeriesColumn, limit: Int) throws -> [RunMeasure] {
        let sql = """
            SELECT id, started_at, \(column.rawValue) FROM runs
            WHERE stage = ? AND \(column.rawValue) IS NOT NULL ORDER BY started_at DESC LIMIT ?
            """
        return try read("read the runs of stage '\(stage)'") { db in
            try fetch(db, table: "runs", sql: sql, arguments: [stage, Int64(max(0, limit))]) { row in
                RunMeasure(run: try row.text(0), startedAt: try row.time(1, "started_at"), value: try row.real(2))
            }
        }.reversed()
    }

    /// A metric named `name` over the latest `limit` runs of `stage`, oldest first.
    public func metricSeries(stage: String, name: String, limit: Int) throws -> [RunMeasure] {
        let sql = """
            SELECT run, recorded_at, value FROM metrics
            WHERE stage = ? AND name = ? AND run IS NOT NULL ORDER BY id DESC LIMIT ?
            """
        return try read("read metric '\(name)' of stage '\(stage)'") { db in
            try fetch(db, table: "metrics", sql: sql, arguments: [stage, name, Int64(max(0, limit))]) { row in
                RunMeasure(run: try row.text(0), startedAt: try row.time(1, "recorded_at"), value: try row.real(2))
            }
        }.reversed()
    }

    /// The latest events of `session`, oldest first.
    public func latestEvents(session: String, limit: Int) throws -> [EventRecord] {
        try read("read the events of session '\(session)'") { db in
            try fetch(
                db, table: "events",
                sql: "SELECT \(Self.eventColumns) FROM events WHERE session = ? ORDER BY id DESC LIMIT ?",
                arguments: [session, Int64(max(0, limit))], Self.decodeEvent)
        }.reversed()
    }

    /// The events of `session` whose kind is one of `kinds`, oldest first.
    public func events(session: String, kinds: [String]) throws -> [EventRecord] {
        if kinds.isEmpty { return [] }
        let placeholders = kinds.map { _ in "?" }.joined(separator: ", ")
        let arguments = StateArguments([session] + kinds)
        return try read("read the events of session '\(session)'") { db in
            try fetch(
                db, table: "events",
                sql:
                    "SELECT \(Self.eventColumns) FROM events WHERE session = ? AND kind IN (\(placeholders)) ORDER BY id",
                arguments: arguments, Self.decodeEvent)
        }
    }

    /// The ids of the versions that point at `run`, in order.
    public func versions(holding run: String) throws -> [Int64] {
        try read("read the versions of run '\(run)'") { db in
            try db.integers("SELECT DISTINCT version FROM version_stages WHERE run = ? ORDER BY version", [run])
        }
    }

    /// The latest failed run of `stage`, whose logs are the ones kept.
    public func latestFailedRun(stage: String) throws -> String? {
        try read("read the failed runs of stage '\(stage)'") { db in
            try db.texts(
                "SELECT id FROM runs WHERE stage = ? AND status = 'failed' ORDER BY started_at DESC LIMIT 1", [stage]
            ).first
        }
    }
}

/// The run columns that ``StateStore/runSeries(stage:column:limit:)`` charts.
public enum RunSeriesColumn: String, Sendable, CaseIterable {
    case wallSeconds = "wall_seconds"
    case cpuSeconds = "cpu_seconds"
    case peakMemoryBytes = "peak_memory_bytes"
}
