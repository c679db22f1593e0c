import Foundation

extension StateStore {
    static let eventColumns = "id, session, level, stage, kind, message, fields, recorded_at"

    /// Records an event; its `id` is ignored and assigned by the store.
    public func recordEvent(_ event: EventRecord) throws {
        try write("record an event of session '\(event.session)'") { db in
            try db.execute(
                """
                INSERT INTO events (session, level, stage, kind, message, fields, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    event.session, event.level.rawValue, event.stage, event.kind, event.message, event.fieldsJSON,
                    StateTime.format(event.at),
                ])
        }
    }

    /// Events in the order they were recorded, filtered by every criterion given.
    ///
    /// - Parameters:
    ///   - session: A full session id.
    ///   - minLevel: Only events at this level or above.
    ///   - limit: Only the last `limit` matching events (still oldest first).
    public func events(session: String?, stage: String?, minLevel: EventLevel?, limit: Int?) throws -> [EventRecord] {
        var conditions: [String] = []
        var arguments: [(any StateValueConvertible)?] = []
        if let session {
            conditions.append("session = ?")
            arguments.append(session)
        }
        if let stage {
            conditions.append("stage = ?")
            arguments.append(stage)
        }
        if let minLevel {
            let levels = EventLevel.allCases.filter { $0 >= minLevel }
            conditions.append("level IN (" + levels.map { _ in "?" }.joined(separator: ", ") + ")")
            arguments.append(contentsOf: levels.map { $0.rawValue })
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        arguments.append(limit.map { Int64(max($0, 0)) } ?? unlimitedRows)
        let sql = "SELECT \(Self.eventColumns) FROM events\(filter) ORDER BY id DESC LIMIT ?"
        let statementArguments = StateArguments(arguments)
        let newestFirst = try read("read the events") { db in
            try fetch(db, table: "events", sql: sql, arguments: statementArguments) { row in
                EventRecord(
                    id: try row.integer(0), session: try row.text(1), level: try row.enumeration(2, "level"),
                    stage: try row.optionalText(3), kind: try row.text(4), message: try row.text(5),
                    fieldsJSON: try row.text(6), at: try row.time(7, "recorded_at"))
            }
        }
        return newestFirst.reversed()
    }

    /// Records how far a session or one of its stages has got.
    public func recordProgress(
        session: String, stage: String?, done: Int64, total: Int64?, unit: String, message: String?
    ) throws {
        let at = StateTime.format(.now)
        try write("record progress of session '\(session)'") { db in
            try db.execute(
                """
                INSERT INTO progress (session, stage, done, total, unit, message, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [session, stage, done, total, unit, message, at])
        }
    }

    /// The latest progress record of each stage of `session` (and of the session as a whole), by stage.
    public func latestProgress(session: String) throws -> [ProgressRecord] {
        try read("read the progress of session '\(session)'") { db in
            try fetch(
                db, table: "progress",
                sql: """
                    SELECT id, session, stage, done, total, unit, message, recorded_at FROM progress
                    WHERE id IN (SELECT MAX(id) FROM progress WHERE session = ? GROUP BY stage)
                    ORDER BY stage, id
                    """,
                arguments: [session]
            ) { row in
                ProgressRecord(
                    id: try row.integer(0), session: try row.text(1), stage: try row.optionalText(2),
                    done: try row.integer(3), total: try row.optionalInteger(4), unit: try row.text(5),
                    message: try row.optionalText(6), at: try row.time(7, "recorded_at"))
            }
        }
    }

    /// Records a metric; its `id` is ignored and assigned by the store.
    public func recordMetric(_ metric: MetricRecord) throws {
        try write("record metric '\(metric.name)'") { db in
            try db.execute(
                """
                INSERT INTO metrics (session, stage, run, name, value, unit, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    metric.session, metric.stage, metric.run, metric.name, metric.value, metric.unit,
                    StateTime.format(metric.at),
                ])
        }
    }

    /// Metrics in the order they were recorded, filtered by every criterion given (`run` is a full run id).
    public func metrics(stage: String?, run: String?, session: String?, name: String?) throws -> [MetricRecord] {
        var conditions: [String] = []
        var arguments: [(any StateValueConvertible)?] = []
        for (column, value) in [("stage", stage), ("run", run), ("session", session), ("name", name)] {
            guard let value else { continue }
            conditions.append("\(column) = ?")
            arguments.append(value)
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT id, session, stage, run, name, value, unit, recorded_at FROM metrics\(filter) ORDER BY id"
        let statementArguments = StateArguments(arguments)
        return try read("read the metrics") { db in
            try fetch(db, table: "metrics", sql: sql, arguments: statementArguments) { row in
                MetricRecord(
                    id: try row.integer(0), session: try row.text(1), stage: try row.optionalText(2),
                    run: try row.optionalText(3), name: try row.text(4), value: try row.real(5), unit: try row.text(6),
                    at: try row.time(7, "recorded_at"))
            }
        }
    }
}
