import Foundation

/// The project's state store: sessions, events, progress, metrics, runs, versions and the stat cache.
///
/// By default it is an SQLite database (`.weir/state.sqlite`) opened through a GRDB `DatabasePool`
/// in WAL mode, so commands that only read never wait for `weir run` while it writes, and writers
/// wait up to ``busyTimeout`` seconds for each other. A project whose `weir.yaml` says
/// `state: postgres://…` (or run with `WEIR_STATE`) keeps the same tables in that PostgreSQL database
/// instead. The schema is migrated when the store opens. Times are stored as ISO 8601 UTC text
/// rounded to the millisecond (see `docs/state-schema.md`).
public final class StateStore: Sendable {
    /// How long a writer waits for another process's write transaction before failing.
    public static let busyTimeout: TimeInterval = 10

    let database: any StateDatabase
    /// The path (or the URL without its password) shown in messages.
    var displayPath: String { database.displayName }

    /// Opens (creating it and its folder if needed) the SQLite store at `path` and migrates its schema.
    ///
    /// - Throws: ``StateStoreCorruptError`` when the file is not an SQLite database, ``StateStoreError``
    ///   when it cannot be opened or migrated.
    public convenience init(path: String) throws {
        try self.init(path: path, displayPath: path)
    }

    convenience init(path: String, displayPath: String, readers: Int? = nil, readOnly: Bool = false) throws {
        let database = try SQLiteStateDatabase(
            path: path, displayName: displayPath, readers: readers, readOnly: readOnly)
        try self.init(database: database, readOnly: readOnly)
    }

    /// Opens (creating its tables on first use) the store in the PostgreSQL database `url` names.
    ///
    /// - Throws: ``StateServerError`` when the server cannot be reached or refuses the login,
    ///   ``StateSchemaTooNewError`` when a newer Weir wrote the database.
    public convenience init(postgres url: PostgresURL) throws {
        try self.init(database: PostgresStateDatabase.shared(url), readOnly: false)
    }

    /// Opens the store kept in `database`, migrating its schema unless `readOnly`.
    init(database: any StateDatabase, readOnly: Bool) throws {
        self.database = database
        if readOnly {
            try checkMigrated()
        } else {
            try migrateIfNeeded()
        }
    }

    /// Opens the store of `project`, creating it if needed.
    ///
    /// - Throws: ``StateLocationError`` for an invalid `state:` or `WEIR_STATE`, ``StateServerError``
    ///   when a PostgreSQL server cannot be reached or refuses the login.
    public static func open(_ project: ProjectLocation) throws -> StateStore {
        switch try StateLocation.resolve(project) {
        case .sqlite:
            return try StateStore(path: project.stateDatabasePath, displayPath: ".weir/state.sqlite")
        case .postgres(let url):
            return try StateStore(database: PostgresStateDatabase.shared(url), readOnly: false)
        }
    }

    /// Opens the store of `project` for a read-only command; nil when the project has no state yet.
    ///
    /// It never takes the project lock and never waits for a running `weir run`.
    public static func openReadOnly(_ project: ProjectLocation) throws -> StateStore? {
        switch try StateLocation.resolve(project) {
        case .sqlite:
            guard FileManager.default.fileExists(atPath: project.stateDatabasePath) else { return nil }
            return try StateStore(path: project.stateDatabasePath, displayPath: ".weir/state.sqlite")
        case .postgres(let url):
            let database = PostgresStateDatabase.shared(url)
            guard try database.hasStateMapped() else { return nil }
            return try StateStore(database: database, readOnly: false)
        }
    }

    /// Opens the store of `project` for a command that follows a session as it goes (`weir watch`,
    /// `weir logs -f`); nil when the project has no state yet.
    ///
    /// Like ``openReadOnly(_:)`` it never takes the lock nor waits for a writer. It reads through
    /// one connection, so that ``dataVersion()`` compares like with like.
    public static func openForFollowing(_ project: ProjectLocation) throws -> StateStore? {
        switch try StateLocation.resolve(project) {
        case .sqlite:
            guard FileManager.default.fileExists(atPath: project.stateDatabasePath) else { return nil }
            return try StateStore(path: project.stateDatabasePath, displayPath: ".weir/state.sqlite", readers: 1)
        case .postgres:
            return try openReadOnly(project)
        }
    }

    /// Migrates only when a migration is missing, so that opening an up-to-date store does not write.
    private func migrateIfNeeded() throws {
        do {
            try database.migrate()
        } catch {
            throw database.userFacing(error, operation: "migrate its schema")
        }
    }

    /// Runs `body` in a read-only snapshot, mapping failures to the store's user-facing errors.
    func read<T>(_ operation: String, _ body: (any StateConnection) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch {
            throw database.userFacing(error, operation: operation)
        }
    }

    /// Runs `body` in a write transaction, mapping failures to the store's user-facing errors.
    ///
    /// On PostgreSQL `body` may run again after a lost connection: it must not depend on having run.
    func write<T>(_ operation: String, _ body: (any StateConnection) throws -> T) throws -> T {
        do {
            return try database.write(body)
        } catch {
            throw database.userFacing(error, operation: operation)
        }
    }

    /// A stored value that cannot be decoded.
    func invalid(_ table: String, _ column: String, _ value: String) -> StateStoreError {
        StateStoreError(
            path: displayPath, operation: "read table '\(table)'",
            detail: "column '\(column)' holds the invalid value '\(value)'", resultCode: nil)
    }
}

extension StateStore {
    /// Closes this process's connections to PostgreSQL state databases and shuts down their event
    /// loop group; the `weir` command calls it before it exits. A later use connects again.
    public static func closeConnections() {
        PostgresStateDatabase.closeAll()
    }
}
