import Foundation
import Synchronization

/// The project lock of a PostgreSQL store: the session advisory lock ``key`` on the process's
/// connection, and the holder's record in the table `project_lock`.
///
/// The server releases a session advisory lock when the session ends, however the holder ends (a
/// clean release also deletes its row). Finding a holder's row when the lock was free therefore
/// means that holder died, as a non-empty `.weir/lock` does for the file lock.
final class PostgresProjectLock: Sendable {
    /// The advisory lock key: one project per database, so one key ("weirlock").
    static let key: Int64 = 0x7765_6972_6c6f_636b
    static let table = "project_lock"
    static let createTable = """
        CREATE TABLE IF NOT EXISTS project_lock (
            id BIGINT NOT NULL PRIMARY KEY CHECK (id = 1),
            holder TEXT NOT NULL
        )
        """

    /// The store while the lock is held; it keeps the process's connection (the lock's session) open.
    private let store: Mutex<StateStore?>
    private let holder: LockHolder

    private init(store: StateStore, holder: LockHolder) {
        self.store = Mutex(store)
        self.holder = holder
    }

    deinit { release() }

    var isHeld: Bool { store.withLock { $0 != nil } }

    /// Takes the lock of the project whose state is `store`, as ``ProjectLock/acquire(_:command:wait:timeout:)``.
    ///
    /// - Returns: The lock, this process's record, and the record of a dead holder it took over.
    static func acquire(
        store: StateStore, command: String, wait: Bool, timeout: Double?
    ) throws -> (PostgresProjectLock, LockHolder, LockHolder?) {
        guard let database = store.database as? PostgresStateDatabase else {
            preconditionFailure("a PostgreSQL project lock needs a PostgreSQL store")
        }
        let start = ContinuousClock.now
        var delay = 0.01
        while try !mapped(store, "take the project lock", { try database.tryAdvisoryLock(key) }) {
            let elapsed = ProjectLock.seconds(ContinuousClock.now - start)
            if !wait || (timeout.map { elapsed >= $0 } ?? false) {
                var error = LockHeldError(holder: try currentHolder(store), waited: wait ? elapsed : nil)
                error.recordPlace = "the table 'project_lock' of '\(store.displayPath)'"
                throw error
            }
            var pause = delay
            if let timeout { pause = min(pause, max(timeout - elapsed, 0.001)) }
            ProjectLock.sleep(pause)
            delay = min(delay * 2, 0.5)
        }
        let holder = LockHolder(
            pid: ProcessIdentity.pid, host: ProcessIdentity.host, command: command, since: StateTime.rounded(.now))
        let record = String(decoding: holder.encoded(), as: UTF8.self)
        do {
            let previous = try store.write("record the holder of the project lock") { db in
                let previous = try db.texts("SELECT holder FROM project_lock WHERE id = 1").first
                try db.execute(
                    "INSERT INTO project_lock (id, holder) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET holder = excluded.holder",
                    [record])
                return previous
            }
            // A row equal to ours was written by this very call before a reconnection ran it again.
            let dead = previous.flatMap { LockHolder.decode(Data($0.utf8)) }.flatMap { $0 == holder ? nil : $0 }
            return (PostgresProjectLock(store: store, holder: holder), holder, dead)
        } catch {
            try? database.releaseAdvisoryLock(key)
            throw error
        }
    }

    /// Deletes this holder's row and releases the advisory lock; calling it again does nothing.
    func release() {
        guard
            let store = store.withLock({ store in
                defer { store = nil }; return store
            })
        else { return }
        let record = String(decoding: holder.encoded(), as: UTF8.self)
        _ = try? store.write("release the project lock") { db in
            try db.execute("DELETE FROM project_lock WHERE id = 1 AND holder = ?", [record])
        }
        if let database = store.database as? PostgresStateDatabase { try? database.releaseAdvisoryLock(Self.key) }
    }

    /// The record of the current holder; retried briefly because a new holder writes it just after locking.
    private static func currentHolder(_ store: StateStore) throws -> LockHolder? {
        for attempt in 0..<20 {
            let text = try store.read("read the holder of the project lock") { db in
                try db.texts("SELECT holder FROM project_lock WHERE id = 1").first
            }
            if let text, let holder = LockHolder.decode(Data(text.utf8)) { return holder }
            if attempt < 19 { ProjectLock.sleep(0.025) }
        }
        return nil
    }

    private static func mapped<T>(_ store: StateStore, _ operation: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw store.database.userFacing(error, operation: operation)
        }
    }
}
