import Foundation
import GRDB

/// The default state database: an SQLite file opened through a GRDB `DatabasePool` in WAL mode.
///
/// Commands that only read never wait for `weir run` while it writes, and writers wait up to
/// ``StateStore/busyTimeout`` seconds for each other.
final class SQLiteStateDatabase: StateDatabase {
    let pool: DatabasePool
    let displayName: String
    var dialect: StateDialect { .sqlite }

    /// Opens (creating it and its folder unless `readOnly`) the SQLite file at `path`.
    ///
    /// - Parameter readers: How many reading connections at most (one for followers, so that
    ///   `PRAGMA data_version` compares like with like).
    init(path: String, displayName: String, readers: Int?, readOnly: Bool) throws {
        self.displayName = displayName
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty, !readOnly {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        } catch {
            throw StateStoreError(
                path: displayName, operation: "create its folder '\(folder)'", detail: error.localizedDescription,
                resultCode: 14)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(StateStore.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "weir.state"
        if let readers { configuration.maximumReaderCount = readers }
        configuration.readonly = readOnly
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StateStoreError.wrap(error, path: displayName, operation: "be opened")
        }
    }

    func read<T>(_ body: (any StateConnection) throws -> T) throws -> T {
        try pool.read { db in try body(SQLiteConnection(db: db)) }
    }

    func write<T>(_ body: (any StateConnection) throws -> T) throws -> T {
        try pool.write { db in try body(SQLiteConnection(db: db)) }
    }

    /// Migrates only when a migration is missing, so that opening an up-to-date store does not write.
    func migrate() throws {
        if try isMigrated() { return }
        let migrator = StateStore.migrator
        do {
            try migrator.migrate(pool)
        } catch {
            // Another process may have migrated the store between our check and our migration.
            let completeNow = (try? pool.read { try migrator.hasCompletedMigrations($0) }) ?? false
            if !completeNow { throw StateStoreError.wrap(error, path: displayName, operation: "migrate its schema") }
        }
    }

    /// Whether every known migration was applied. A file written by a newer Weir, with extra
    /// migrations, still opens (as it always has with SQLite); a PostgreSQL store refuses it.
    func isMigrated() throws -> Bool {
        let migrator = StateStore.migrator
        return try pool.read { db in try migrator.hasCompletedMigrations(db) }
    }

    func hasState() throws -> Bool {
        try pool.read { db in try db.tableExists(StateSchema.migrationsTable) }
    }

    func userFacing(_ error: any Error, operation: String) -> any Error {
        StateStoreError.wrap(error, path: displayName, operation: operation)
    }
}

/// A GRDB connection inside a transaction; statements are cached by their text.
struct SQLiteConnection: StateConnection {
    let db: Database
    var dialect: StateDialect { .sqlite }
    var isRetry: Bool { false }

    func execute(_ sql: String, _ arguments: StateArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
    }

    func forEachRow(_ sql: String, _ arguments: StateArguments, _ body: (any StateRowValues) throws -> Void) throws {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: Self.arguments(arguments))
        while let row = try rows.next() { try body(SQLiteRow(row: row)) }
    }

    private static func arguments(_ arguments: StateArguments) -> StatementArguments {
        StatementArguments(
            arguments.values.map { value -> DatabaseValue in
                switch value {
                case .null: return .null
                case .integer(let integer): return integer.databaseValue
                case .real(let real): return real.databaseValue
                case .text(let text): return text.databaseValue
                }
            })
    }
}

/// A GRDB row, decoded by index.
struct SQLiteRow: StateRowValues {
    let row: Row
    func text(at index: Int) throws -> String? { try row.decode(String?.self, atIndex: index) }
    func integer(at index: Int) throws -> Int64? { try row.decode(Int64?.self, atIndex: index) }
    func real(at index: Int) throws -> Double? { try row.decode(Double?.self, atIndex: index) }
}

extension StateStore {
    /// The GRDB pool of an SQLite store (for tests that look at the file's own tables and pragmas).
    var pool: DatabasePool {
        guard let sqlite = database as? SQLiteStateDatabase else {
            preconditionFailure("'pool' is only for an SQLite state store")
        }
        return sqlite.pool
    }
}
