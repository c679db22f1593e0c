import Foundation
import Logging
import PostgresNIO
import Synchronization

/// A project's state kept in a PostgreSQL database, through one postgres-nio connection per process.
///
/// The engine is synchronous, postgres-nio is not: every statement is sent on the connection's event
/// loop and waited for on the calling thread, which is never one of Weir's event-loop threads (they
/// only run postgres-nio). Operations are serialized on the connection, one transaction at a time.
///
/// A connection lost mid-way (the server restarted, the backend was terminated) is reopened with
/// growing pauses (``retryDelays``) and the interrupted transaction runs again from its start; only
/// when every attempt failed does the operation fail, with ``StateConnectionLostError``. A
/// transaction either committed before the loss or did not, so nothing committed is lost. Session
/// advisory locks taken through ``tryAdvisoryLock(_:)`` are taken again on the new connection;
/// when another process took one meanwhile, every later operation fails with ``ProjectLockLostError``.
final class PostgresStateDatabase: StateDatabase, @unchecked Sendable {
    let url: PostgresURL
    var displayName: String { url.redacted }
    var dialect: StateDialect { .postgres }

    /// Pauses between reconnection attempts, in seconds: about 16 seconds in all, enough for a
    /// server restart with crash recovery.
    static let retryDelays: [Double] = [0.1, 0.25, 0.5, 1, 2, 4, 8]

    /// The key of the transaction advisory lock that serializes schema migrations.
    static let migrationLockKey: Int64 = 0x7765_6972_6d69_6772  // "weirmigr"

    private let logger: Logger
    /// Guards every member below, and serializes the use of the connection.
    private let lock = NSLock()
    private var connection: PostgresConnection?
    private var hasConnected = false
    private var advisoryLocks: Set<Int64> = []
    private var lostLock = false
    /// Set when every reconnection attempt failed: later operations try once, without pauses, so
    /// that a run whose server is gone fails in seconds rather than waiting again for each record.
    private var outage = false

    private init(url: PostgresURL) {
        self.url = url
        var logger = Logger(label: "weir.state.postgres")
        logger.logLevel = .critical
        self.logger = logger
    }

    deinit {
        if let connection { Self.discard(connection) }
    }

    // MARK: One database object per URL and process

    private static let registry = Mutex<[PostgresURL: PostgresStateDatabase]>([:])

    /// The process's database object for `url`, kept until ``closeAll()``: every store and the
    /// project lock of one process share its connection, so that the lock's session is the one
    /// that writes, and a command that opens the store several times connects once.
    static func shared(_ url: PostgresURL) -> PostgresStateDatabase {
        registry.withLock { entries in
            if let existing = entries[url] { return existing }
            let database = PostgresStateDatabase(url: url)
            entries[url] = database
            return database
        }
    }

    /// Closes every open connection and shuts down the event loop group; called when the process
    /// is about to exit. A later use connects again on a new group.
    static func closeAll() {
        let databases = registry.withLock { entries in entries.values }
        for database in databases { database.close() }
        PostgresEventLoop.shutDown()
    }

    /// Closes `connection` without waiting, keeping it alive until it is closed (postgres-nio
    /// requires a connection to be closed before it is released).
    private static func discard(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Closes the connection (ending its session, and so releasing its advisory locks).
    func close() {
        lock.lock()
        defer { lock.unlock() }
        if let connection { try? connection.close().wait() }
        connection = nil
        advisoryLocks.removeAll()
    }

    // MARK: StateDatabase

    func read<T>(_ body: (any StateConnection) throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    func write<T>(_ body: (any StateConnection) throws -> T) throws -> T {
        try transaction(begin: "BEGIN", body)
    }

    func migrate() throws {
        if try isMigrated() { return }
        try write { db in
            // Two first uses at once: the second waits here, then finds the migrations applied.
            try db.execute("SELECT pg_advisory_xact_lock(?)", [Self.migrationLockKey])
            try db.execute(
                "CREATE TABLE IF NOT EXISTS \(StateSchema.migrationsTable) (identifier TEXT NOT NULL PRIMARY KEY)")
            let applied = Set(try db.texts("SELECT identifier FROM \(StateSchema.migrationsTable)"))
            try checkNotNewer(applied)
            for migration in StateSchema.migrations where !applied.contains(migration.identifier) {
                for statement in migration.statements { try db.execute(StateSchema.postgres(statement)) }
                try db.execute(
                    "INSERT INTO \(StateSchema.migrationsTable) (identifier) VALUES (?)", [migration.identifier])
            }
            try db.execute(PostgresProjectLock.createTable)
        }
    }

    func isMigrated() throws -> Bool {
        try read { db in
            guard try Self.tableExists(db, StateSchema.migrationsTable) else { return false }
            let applied = Set(try db.texts("SELECT identifier FROM \(StateSchema.migrationsTable)"))
            try checkNotNewer(applied)
            let complete = StateSchema.migrations.allSatisfy { applied.contains($0.identifier) }
            return try complete && Self.tableExists(db, PostgresProjectLock.table)
        }
    }

    func hasState() throws -> Bool {
        try read { db in try Self.tableExists(db, StateSchema.migrationsTable) }
    }

    /// ``hasState()`` with its failures mapped to user-facing errors.
    func hasStateMapped() throws -> Bool {
        do {
            return try hasState()
        } catch {
            throw userFacing(error, operation: "be read")
        }
    }

    private static func tableExists(_ db: any StateConnection, _ table: String) throws -> Bool {
        try db.integer(
            "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?", [table]) ?? 0 > 0
    }

    private func checkNotNewer(_ applied: Set<String>) throws {
        let known = Set(StateSchema.migrations.map(\.identifier))
        let unknown = applied.subtracting(known)
        guard unknown.isEmpty else {
            throw StateSchemaTooNewError(
                store: displayName, found: unknown.sorted().last!, known: StateSchema.currentVersion)
        }
    }

    func userFacing(_ error: any Error, operation: String) -> any Error {
        if error is UserFacingError { return error }
        return StateStoreError(
            path: displayName, operation: operation, detail: PostgresFailure.detail(error), resultCode: nil,
            hint: "Check the server's log, or ask its administrator.")
    }

    // MARK: Session advisory locks

    /// Takes the session advisory lock `key` without waiting; false when another session holds it.
    ///
    /// The lock lasts as long as this process's connection, and is taken again after a reconnection.
    func tryAdvisoryLock(_ key: Int64) throws -> Bool {
        try withConnection { session in
            let taken = try session.boolean("SELECT pg_try_advisory_lock(?)", [key])
            if taken { advisoryLocks.insert(key) }
            return taken
        }
    }

    /// Releases the session advisory lock `key`, if held.
    func releaseAdvisoryLock(_ key: Int64) throws {
        try withConnection { session in
            guard advisoryLocks.remove(key) != nil else { return }
            _ = try session.boolean("SELECT pg_advisory_unlock(?)", [key])
        }
    }

    // MARK: Connection and retries

    private func transaction<T>(begin: String, _ body: (any StateConnection) throws -> T) throws -> T {
        try withConnection { session in
            try session.execute(begin)
            do {
                let result = try body(session)
                try session.execute("COMMIT")
                return result
            } catch {
                if !PostgresFailure.isConnectionLoss(error) { try? session.execute("ROLLBACK") }
                throw error
            }
        }
    }

    /// Runs `body` on the connection, holding the lock; reconnects and runs it again after a lost
    /// connection, up to ``retryDelays``'s count.
    private func withConnection<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try retrying(body)
    }

    /// ``withConnection(_:)`` for a caller that holds the lock.
    private func retrying<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        var attempt = 0
        while true {
            if lostLock { throw ProjectLockLostError(store: displayName) }
            do {
                let session = PostgresSession(connection: try connected(), logger: logger, isRetry: attempt > 0)
                let result = try body(session)
                outage = false
                return result
            } catch {
                guard hasConnected, PostgresFailure.isConnectionLoss(error) else { throw error }
                if let connection { Self.discard(connection) }
                connection = nil
                guard attempt < Self.retryDelays.count, !outage || attempt == 0 else {
                    outage = true
                    throw StateConnectionLostError(
                        store: displayName, attempts: Self.retryDelays.count + 1,
                        seconds: Self.retryDelays.reduce(0, +), detail: PostgresFailure.detail(error))
                }
                Thread.sleep(forTimeInterval: Self.retryDelays[attempt])
                attempt += 1
            }
        }
    }

    /// The open connection, opening one (and taking the advisory locks again) when there is none.
    private func connected() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        if let connection { Self.discard(connection) }
        connection = nil
        let opened: PostgresConnection
        do {
            opened = try PostgresConnection.connect(
                on: PostgresEventLoop.group().next(), configuration: try configuration(), id: Self.nextID(),
                logger: logger
            ).wait()
        } catch {
            if hasConnected { throw error }
            throw PostgresFailure.connectError(error, url: url)
        }
        hasConnected = true
        let session = PostgresSession(connection: opened, logger: logger)
        for key in advisoryLocks.sorted() {
            guard try Self.retake(key, on: session) else {
                lostLock = true
                advisoryLocks.removeAll()
                try? opened.close().wait()
                throw ProjectLockLostError(store: displayName)
            }
        }
        connection = opened
        watch(opened)
        return opened
    }

    /// How long a lock held before a lost connection is tried again: the server releases a
    /// terminated backend's advisory locks only once that backend has exited, which takes a moment
    /// on a busy server.
    static let retakeSeconds = 10.0

    /// Takes the advisory lock `key` again on a new connection, waiting while the old connection's
    /// backend may still hold it; false when another process holds it all that time.
    private static func retake(_ key: Int64, on session: PostgresSession) throws -> Bool {
        let deadline = Date().addingTimeInterval(retakeSeconds)
        while true {
            if try session.boolean("SELECT pg_try_advisory_lock(?)", [key]) { return true }
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// Reconnects as soon as `connection` closes while the process holds advisory locks, so that the
    /// lock is held again at once, not only at the next statement (a stage may run for hours).
    private func watch(_ watched: PostgresConnection) {
        watched.closeFuture.whenComplete { [weak self] _ in
            DispatchQueue.global().async { [weak self] in self?.reconnectForLocks() }
        }
    }

    private func reconnectForLocks() {
        lock.lock()
        defer { lock.unlock() }
        guard !advisoryLocks.isEmpty, !lostLock, connection?.isClosed ?? true else { return }
        _ = try? retrying { _ in () }
    }

    private func configuration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch url.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.additionalStartupParameters = [("application_name", "weir")]
        return configuration
    }

    private static let connectionCount = Atomic<Int>(0)

    private static func nextID() -> Int {
        connectionCount.wrappingAdd(1, ordering: .relaxed).newValue
    }
}
