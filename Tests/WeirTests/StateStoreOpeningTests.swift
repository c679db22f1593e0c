import Foundation
import GRDB
import Testing
import WeirTestSupport

@testable import Weir

@Suite struct StateStoreOpeningTests {
    @Test func createsTheFolderAndAllTables() throws {
        let fixture = try StateStoreFixture()
        #expect(FileManager.default.fileExists(atPath: fixture.path))
        let tables = try fixture.store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        for table in [
            "events", "head", "metrics", "progress", "runs", "sessions", "stat_cache", "version_stages",
            "versions",
        ] {
            #expect(tables.contains(table))
        }
        let journal = try fixture.store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test func reopeningKeepsDataAndAppliesNoMigrationTwice() throws {
        let fixture = try StateStoreFixture()
        let session = try fixture.store.beginSession(command: "weir run", arguments: [])
        for _ in 0..<3 {
            let reopened = try StateStore(path: fixture.path)
            #expect(try reopened.session(session.id) == session)
            let applied = try reopened.pool.read { db in try StateStore.migrator.appliedMigrations(db) }
            #expect(applied == ["v1", "v2", "v3", "v4"])
        }
    }

    @Test func openReadOnlyIsNilWithoutState() throws {
        let directory = try TemporaryDirectory()
        let project = ProjectLocation(root: directory.path)
        #expect(try StateStore.openReadOnly(project) == nil)
        #expect(!FileManager.default.fileExists(atPath: project.stateDatabasePath))
        _ = try StateStore.open(project)
        #expect(try StateStore.openReadOnly(project) != nil)
    }

    @Test func aFileThatIsNotSQLiteGivesAClearError() throws {
        let directory = try TemporaryDirectory()
        try directory.write(".weir/state.sqlite", String(repeating: "this is not a database\n", count: 40))
        let project = ProjectLocation(root: directory.path)
        let error = try #require(throws: StateStoreCorruptError.self) { try StateStore.open(project) }
        #expect(error.description.hasPrefix("The state store '.weir/state.sqlite' is not a valid SQLite database ("))
        #expect(
            error.description.hasSuffix(
                "). Move it aside and run 'weir run' to rebuild the state, or restore it from a backup."))
        #expect(error.exitStatus == 1)
    }

    @Test func readersDoNotWaitForAnOpenWriteTransaction() async throws {
        let fixture = try StateStoreFixture()
        let session = try fixture.store.beginSession(command: "weir run", arguments: ["--jobs", "2"])
        let writerInside = DispatchSemaphore(value: 0)
        let finishWriter = DispatchSemaphore(value: 0)
        let writer = Thread {
            try? fixture.store.pool.write { db in
                try db.execute(sql: "UPDATE sessions SET summary = 'writing' WHERE id = ?", arguments: [session.id])
                writerInside.signal()
                finishWriter.wait()
            }
        }
        writer.start()
        writerInside.wait()
        // The write transaction is open. A store opened now stands for a read-only command started by
        // another process: it opens and sees the last committed state, without waiting.
        let reader = try StateStore(path: fixture.path)
        let seen = try reader.session(session.id)
        #expect(seen?.summary == nil)
        #expect(try reader.sessions(limit: nil).count == 1)
        finishWriter.signal()
        while writer.isExecuting || !writer.isFinished { try await Task.sleep(for: .milliseconds(5)) }
        #expect(try reader.session(session.id)?.summary == "writing")
    }

    @Test func aSecondWriterWaitsForTheFirstInsteadOfFailing() throws {
        let fixture = try StateStoreFixture()
        let other = try StateStore(path: fixture.path)
        let session = try fixture.store.beginSession(command: "weir run", arguments: [])
        let writerInside = DispatchSemaphore(value: 0)
        let writer = Thread {
            try? fixture.store.pool.write { db in
                try db.execute(sql: "UPDATE sessions SET summary = 'first' WHERE id = ?", arguments: [session.id])
                writerInside.signal()
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
        writer.start()
        writerInside.wait()
        try other.endSession(session.id, status: .succeeded, summary: "second")
        #expect(try other.session(session.id)?.summary == "second")
    }
}
