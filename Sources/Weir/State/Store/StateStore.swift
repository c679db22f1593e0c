import Foundation
import GRDB

/// The project's state store: sessions, events, progress, metrics, runs, versions and the stat cache.
///
/// It is an SQLite database (`.weir/state.sqlite`) opened through a GRDB `DatabasePool` in WAL mode,
/// so commands that only read never wait for `weir run` while it writes, and writers wait up to
/// ``busyTimeout`` seconds for each other. The schema is migrated when the store opens. Times are
/// stored as ISO 8601 UTC text rounded to the millisecond (see `docs/state-schema.md`).
public final class StateStore: Sendable {
    /// How long a writer waits for another process's write transaction before failing.
    public static let busyTimeout: TimeInterval = 10

    let pool: DatabasePool
    /// The path shown in messages.
    let displayPath: String

    /// Opens (creating it and its folder if needed) the store at `path` and migrates its schema.
    ///
    /// - Throws: ``StateStoreCorruptError`` when the file is not an SQLite database, ``StateStoreError``
    ///   when it cannot be opened or migrated.
    public convenience init(path: String) throws {
        try self.init(path: path, displayPath: path)
    }

    init(path: String, displayPath: String, readers: Int? = nil, readOnly: Bool = false) throws {
        self.displayPath = displayPath
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty, !readOnly {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        } catch {
            throw StateStoreError(
                path: displayPath, operation: "create its folder '\(folder)'", detail: error.localizedDescription,
                resultCode: 14)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "weir.state"
        if let readers { configuration.maximumReaderCount = readers }
        configuration.readonly = readOnly
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StateStoreError.wrap(error, path: displayPath, operation: "be opened")
        }
        if readOnly {
            try checkMigrated()
        } else {
            try migrateIfNeeded()
        }
    }

    /// Opens the store of `project`, creating it if needed.
    public static func open(_ project: ProjectLocation) throws -> StateStore {
        try StateStore(path: project.stateDatabasePath, displayPath: ".weir/state.sqlite")
    }

    /// Opens the store of `project` for a read-only command; nil when the project has no state yet.
    ///
    /// It never takes the project lock and never waits for a running `weir run`.
    public static func openReadOnly(_ project: ProjectLocation) throws -> StateStore? {
        guard FileManager.default.fileExists(atPath: project.stateDatabasePath) else { return nil }
        return try open(project)
    }

    /// Opens the store of `project` for a command that follows a session as it goes (`weir watch`,
    /// `weir logs -f`); nil when the project has no state yet.
    ///
    /// Like ``openReadOnly(_:)`` it never takes the lock nor waits for a writer. It reads through
    /// one connection, so that ``dataVersion()`` compares like with like.
    public static func openForFollowing(_ project: ProjectLocation) throws -> StateStore? {
        guard FileManager.default.fileExists(atPath: project.stateDatabasePath) else { return nil }
        return try StateStore(path: project.stateDatabasePath, displayPath: ".weir/state.sqlite", readers: 1)
    }

    /// Migrates only when a migration is missing, so that opening an up-to-date store does not write.
    private func migrateIfNeeded() throws {
        let migrator = Self.migrator
        let complete = try read("read its schema version") { try migrator.hasCompletedMigrations($0) }
        if complete { return }
        do {
            try migrator.migrate(pool)
        } catch {
            // Another process may have migrated the store between our check and our migration.
            let completeNow = (try? pool.read { try migrator.hasCompletedMigrations($0) }) ?? false
            if !completeNow { throw StateStoreError.wrap(error, path: displayPath, operation: "migrate its schema") }
        }
    }

    /// Runs `body` in a read-only snapshot, mapping failures to the store's user-facing errors.
    func read<T: Sendable>(_ operation: String, _ body: @Sendable (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StateStoreError.wrap(error, path: displayPath, operation: operation)
        }
    }

    /// Runs `body` in a write transaction, mapping failures to the store's user-facing errors.
    func write<T: Sendable>(_ operation: String, _ body: @Sendable (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch {
            throw StateStoreError.wrap(error, path: displayPath, operation: operation)
        }
    }

    /// A stored value that cannot be decoded.
    func invalid(_ table: String, _ column: String, _ value: String) -> StateStoreError {
        StateStoreError(
            path: displayPath, operation: "read table '\(table)'",
            detail: "column '\(column)' holds the invalid value '\(value)'", resultCode: nil)
    }
}
