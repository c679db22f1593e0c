import Foundation

extension StateStore {
    static let versionColumns = "id, parent, command, session, user_name, host, created_at, note, overrides"

    /// Records a new version, numbered after the last one, and makes it the head.
    ///
    /// - Parameters:
    ///   - parent: The version this one derives from (usually the head when the command started).
    ///   - stages: Stage name → run id.
    ///   - overrides: The param overrides the run was given.
    /// - Throws: ``StateRecordNotFoundError`` when `parent` does not exist.
    public func createVersion(
        parent: Int64?, command: String, session: String, stages: [String: String], note: String?,
        overrides: [ParamOverride] = []
    ) throws -> VersionRecord {
        let user = ProcessIdentity.user
        let host = ProcessIdentity.host
        let createdAt = StateTime.rounded(.now)
        let overridesJSON = overrides.isEmpty ? nil : try overrides.json.canonicalString()
        return try write("record a new version") { db in
            if let parent, try db.integer("SELECT id FROM versions WHERE id = ?", [parent]) == nil {
                throw StateRecordNotFoundError(
                    kind: "version", identifier: "v\(parent)",
                    hint: "A new version can only derive from a recorded one.")
            }
            let made = StateTime.format(createdAt)
            // The same version again when a lost connection made this transaction run twice and
            // the first attempt had committed.
            if db.isRetry,
                let existing = try db.integer(
                    """
                    SELECT id FROM versions WHERE session = ? AND created_at = ? AND command = ?
                        AND COALESCE(parent, -1) = ? ORDER BY id DESC LIMIT 1
                    """, [session, made, command, parent ?? -1])
            {
                return VersionRecord(
                    id: existing, parent: parent, command: command, session: session, user: user, host: host,
                    createdAt: createdAt, stages: stages, note: note, overrides: overrides)
            }
            let id = try db.integer("SELECT COALESCE(MAX(id), 0) + 1 FROM versions") ?? 1
            try db.execute(
                "INSERT INTO versions (\(Self.versionColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [id, parent, command, session, user, host, made, note, overridesJSON])
            for (stage, run) in stages.sorted(by: { $0.key < $1.key }) {
                try db.execute("INSERT INTO version_stages (version, stage, run) VALUES (?, ?, ?)", [id, stage, run])
            }
            try Self.pointHead(db, at: id)
            return VersionRecord(
                id: id, parent: parent, command: command, session: session, user: user, host: host,
                createdAt: createdAt, stages: stages, note: note, overrides: overrides)
        }
    }

    /// The version numbered `id`, or nil.
    public func version(_ id: Int64) throws -> VersionRecord? {
        try read("read version v\(id)") { db in try loadVersions(db, only: id).first }
    }

    /// Every version, oldest first.
    public func versions() throws -> [VersionRecord] {
        try read("read the versions") { db in try loadVersions(db, only: nil) }
    }

    /// The version the project currently points at, or nil before the first version.
    public func head() throws -> VersionRecord? {
        try read("read the head version") { db in
            guard let id = try db.integer("SELECT version FROM head WHERE id = 1") else { return nil }
            return try loadVersions(db, only: id).first
        }
    }

    /// Makes version `id` the head.
    ///
    /// - Throws: ``StateRecordNotFoundError`` when there is no such version.
    public func setHead(_ id: Int64) throws {
        try write("set the head to v\(id)") { db in
            guard try db.integer("SELECT id FROM versions WHERE id = ?", [id]) != nil else {
                throw StateRecordNotFoundError(
                    kind: "version", identifier: "v\(id)", hint: "See 'weir versions' for the recorded versions.")
            }
            try Self.pointHead(db, at: id)
        }
    }

    /// The ids of the runs that any version points at; `weir gc` keeps these.
    public func referencedRunIDs() throws -> Set<String> {
        try read("read the runs that versions use") { db in
            Set(try db.texts("SELECT DISTINCT run FROM version_stages"))
        }
    }

    private static func pointHead(_ db: any StateConnection, at id: Int64) throws {
        try db.execute(
            "INSERT INTO head (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version",
            [id])
    }

    private func loadVersions(_ db: any StateConnection, only id: Int64?) throws -> [VersionRecord] {
        let filter = id == nil ? "" : " WHERE id = ?"
        let stageFilter = id == nil ? "" : " WHERE version = ?"
        let arguments: StateArguments = id.map { [$0] } ?? []
        var stages: [Int64: [String: String]] = [:]
        try db.forEachRow("SELECT version, stage, run FROM version_stages\(stageFilter)", arguments) { row in
            guard let version = try row.integer(at: 0), let stage = try row.text(at: 1), let run = try row.text(at: 2)
            else { throw invalid("version_stages", "version", "NULL") }
            stages[version, default: [:]][stage] = run
        }
        return try fetch(
            db, table: "versions", sql: "SELECT \(Self.versionColumns) FROM versions\(filter) ORDER BY id",
            arguments: arguments
        ) { row in try decodeVersion(row, stages: stages) }
    }

    /// A row of ``versionColumns``, with the stage → run maps of the versions read.
    func decodeVersion(_ row: StateRow, stages: [Int64: [String: String]]) throws -> VersionRecord {
        let id = try row.integer(0)
        return VersionRecord(
            id: id, parent: try row.optionalInteger(1), command: try row.text(2), session: try row.text(3),
            user: try row.text(4), host: try row.text(5), createdAt: try row.time(6, "created_at"),
            stages: stages[id] ?? [:], note: try row.optionalText(7),
            overrides: try decodeOverrides(try row.optionalText(8)))
    }

    /// The overrides column: a JSON array, NULL for none.
    func decodeOverrides(_ text: String?) throws -> [ParamOverride] {
        guard let text else { return [] }
        guard let value = try? JSONValue.parse(text), let overrides = [ParamOverride](json: value) else {
            throw invalid("versions", "overrides", text)
        }
        return overrides
    }
}
