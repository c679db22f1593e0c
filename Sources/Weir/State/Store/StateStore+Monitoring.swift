import Foundation

/// What `weir watch` and `weir logs -f` read: new rows after a known id, and a cheap change counter.
extension StateStore {
    static let progressColumns = "id, session, stage, done, total, unit, message, recorded_at"

    /// Records several progress records in one transaction; their `id`s are ignored.
    public func recordProgress(_ records: [ProgressRecord]) throws {
        if records.isEmpty { return }
        let rows = records.map { record -> StateArguments in
            [
                record.session, record.stage, record.done, record.total, record.unit, record.message,
                StateTime.format(record.at),
            ]
        }
        try write("record progress of session '\(records[0].session)'") { db in
            let sql = """
                INSERT INTO progress (session, stage, done, total, unit, message, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
            for arguments in rows { try db.execute(sql, arguments) }
        }
    }

    /// The progress records of `session` with an id above `afterID`, oldest first.
    public func progress(session: String, after afterID: Int64) throws -> [ProgressRecord] {
        try read("read the progress of session '\(session)'") { db in
            try fetch(
                db, table: "progress",
                sql: "SELECT \(Self.progressColumns) FROM progress WHERE session = ? AND id > ? ORDER BY id",
                arguments: [session, afterID], Self.decodeProgress)
        }
    }

    /// The events of `session` with an id above `afterID`, oldest first.
    public func events(session: String, after afterID: Int64) throws -> [EventRecord] {
        try read("read the events of session '\(session)'") { db in
            try fetch(
                db, table: "events",
                sql: "SELECT \(Self.eventColumns) FROM events WHERE session = ? AND id > ? ORDER BY id",
                arguments: [session, afterID], Self.decodeEvent)
        }
    }

    /// Sessions still marked `running`, newest first (some may belong to processes that are gone).
    public func runningSessions() throws -> [SessionRecord] {
        try read("read the running sessions") { db in
            try fetch(
                db, table: "sessions",
                sql: """
                    SELECT \(Self.sessionColumns) FROM sessions WHERE status = 'running'
                    ORDER BY started_at DESC, id DESC
                    """, Self.decodeSession)
        }
    }

    /// The runs that `session` executed (not those it reused), oldest first.
    public func runs(session: String, stage: String) throws -> [RunRecord] {
        try read("read the runs of session '\(session)'") { db in
            try fetch(
                db, table: "runs",
                sql: "SELECT \(Self.runColumns) FROM runs WHERE session = ? AND stage = ? ORDER BY started_at, id",
                arguments: [session, stage], Self.decodeRun)
        }
    }

    /// A counter that changes whenever another connection commits, so a follower can tell "nothing
    /// new" without reading any table: SQLite's `PRAGMA data_version` on this store's reading
    /// connection, or PostgreSQL's next transaction id (which also moves for other writes, costing
    /// the follower only a needless read).
    ///
    /// Only meaningful on a store opened with ``openForFollowing(_:)``, whose single reading
    /// connection sees every call.
    public func dataVersion() throws -> Int64 {
        try read("read its change counter") { db in
            switch db.dialect {
            case .sqlite: try db.integer("PRAGMA data_version") ?? 0
            case .postgres: try db.integer("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint") ?? 0
            }
        }
    }

    static func decodeProgress(_ row: StateRow) throws -> ProgressRecord {
        ProgressRecord(
            id: try row.integer(0), session: try row.text(1), stage: try row.optionalText(2), done: try row.integer(3),
            total: try row.optionalInteger(4), unit: try row.text(5), message: try row.optionalText(6),
            at: try row.time(7, "recorded_at"))
    }

    static func decodeEvent(_ row: StateRow) throws -> EventRecord {
        EventRecord(
            id: try row.integer(0), session: try row.text(1), level: try row.enumeration(2, "level"),
            stage: try row.optionalText(3), kind: try row.text(4), message: try row.text(5),
            fieldsJSON: try row.text(6), at: try row.time(7, "recorded_at"))
    }
}
