import Foundation

extension StateStore {
    static let sessionColumns =
        "id, command, arguments, pid, host, user_name, cwd, started_at, ended_at, status, summary"

    /// Records the start of a state-changing command by this process.
    ///
    /// - Parameters:
    ///   - command: The command as users know it, e.g. `weir run`.
    ///   - arguments: The arguments after the command name.
    /// - Returns: The new session, `running`, with a fresh lowercase UUID as its id.
    public func beginSession(command: String, arguments: [String]) throws -> SessionRecord {
        let session = SessionRecord(
            id: UUID().uuidString.lowercased(), command: command, arguments: arguments, pid: ProcessIdentity.pid,
            host: ProcessIdentity.host, user: ProcessIdentity.user, cwd: ProcessIdentity.cwd,
            startedAt: StateTime.rounded(.now))
        try write("record the start of session '\(session.id)'") { db in
            try db.execute(
                "INSERT INTO sessions (\(Self.sessionColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL) "
                    + "ON CONFLICT (id) DO NOTHING",
                [
                    session.id, session.command, Self.jsonText(session.arguments), Int64(session.pid), session.host,
                    session.user, session.cwd, StateTime.format(session.startedAt), session.status.rawValue,
                ])
        }
        return session
    }

    /// Records how session `id` ended, now.
    ///
    /// - Throws: ``StateRecordNotFoundError`` when there is no such session.
    public func endSession(_ id: String, status: SessionStatus, summary: String?) throws {
        let endedAt = StateTime.format(.now)
        let found = try write("record the end of session '\(id)'") { db in
            guard try db.integer("SELECT COUNT(*) FROM sessions WHERE id = ?", [id]) ?? 0 > 0 else { return false }
            try db.execute(
                "UPDATE sessions SET ended_at = ?, status = ?, summary = ? WHERE id = ?",
                [endedAt, status.rawValue, summary, id])
            return true
        }
        if !found {
            throw StateRecordNotFoundError(kind: "session", identifier: id, hint: "See 'weir log' for the sessions.")
        }
    }

    /// Sessions, newest first.
    public func sessions(limit: Int?) throws -> [SessionRecord] {
        try read("read the sessions") { db in
            try fetch(
                db, table: "sessions",
                sql: "SELECT \(Self.sessionColumns) FROM sessions ORDER BY started_at DESC, id DESC LIMIT ?",
                arguments: [limit.map { Int64(max($0, 0)) } ?? unlimitedRows], Self.decodeSession)
        }
    }

    /// The session whose id is `idOrPrefix` or starts with it.
    ///
    /// - Returns: nil when no session matches.
    /// - Throws: ``AmbiguousIdentifierError`` when the prefix matches several sessions.
    public func session(_ idOrPrefix: String) throws -> SessionRecord? {
        let key = idOrPrefix.lowercased()
        if key.isEmpty { return nil }
        return try lookUp(
            idOrPrefix, key: key, what: "session", table: "sessions", columns: Self.sessionColumns,
            decode: Self.decodeSession, id: \.id,
            describe: { "\($0.id)  \($0.command)  started \(StateTime.display($0.startedAt))" })
    }

    static func decodeSession(_ row: StateRow) throws -> SessionRecord {
        SessionRecord(
            id: try row.text(0), command: try row.text(1),
            arguments: try row.store.strings(fromJSON: row.text(2), table: "sessions", column: "arguments"),
            pid: try row.int32(3, "pid"), host: try row.text(4), user: try row.text(5), cwd: try row.text(6),
            startedAt: try row.time(7, "started_at"), endedAt: try row.optionalTime(8, "ended_at"),
            status: try row.enumeration(9, "status"), summary: try row.optionalText(10))
    }

    /// The record whose id is `key` or, failing that, the only one whose id starts with it.
    ///
    /// - Throws: ``AmbiguousIdentifierError`` listing up to ten candidates when several match.
    func lookUp<Record: Sendable>(
        _ idOrPrefix: String, key: String, what: String, table: String, columns: String,
        decode: @escaping @Sendable (StateRow) throws -> Record, id: KeyPath<Record, String>,
        describe: (Record) -> String
    ) throws -> Record? {
        let matches = try read("look up \(what) '\(idOrPrefix)'") { db in
            try fetch(
                db, table: table,
                sql: "SELECT \(columns) FROM \(table) WHERE id >= ? AND id < ? ORDER BY id LIMIT 11",
                arguments: [key, Self.prefixUpperBound(key)], decode)
        }
        if let exact = matches.first(where: { $0[keyPath: id] == key }) { return exact }
        if matches.count > 1 {
            throw AmbiguousIdentifierError(
                kind: "\(what) id prefix", prefix: idOrPrefix, candidates: matches.prefix(10).map(describe))
        }
        return matches.first
    }

    /// The smallest string greater than every string starting with `prefix` (ASCII ids).
    static func prefixUpperBound(_ prefix: String) -> String {
        var bytes = Array(prefix.utf8)
        while let last = bytes.last {
            if last < 0x7F {
                bytes[bytes.count - 1] = last + 1
                return String(decoding: bytes, as: UTF8.self)
            }
            bytes.removeLast()
        }
        return "\u{7F}"
    }
}
