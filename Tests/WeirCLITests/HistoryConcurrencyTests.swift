import Foundation
import Testing
import WeirTestSupport

@testable import Weir

@Suite struct HistoryConcurrencyTests {
    @Test func readOnlyCommandsDoNotWaitForAWriterOrTheLock() throws {
        let fixture = try HistoryFixture()
        // Another command holds the project lock and has a write transaction open, as `weir run` does.
        let lock = try ProjectLock.acquire(ProjectLocation(root: fixture.root), command: "weir run", wait: false)
        defer { lock.release() }
        let writerInside = DispatchSemaphore(value: 0)
        let finishWriter = DispatchSemaphore(value: 0)
        let session = fixture.sessions[2].id
        let writer = Thread {
            try? fixture.store.pool.write { db in
                try db.execute(sql: "UPDATE sessions SET summary = 'uncommitted' WHERE id = ?", arguments: [session])
                writerInside.signal()
                finishWriter.wait()
            }
        }
        writer.start()
        writerInside.wait()
        defer { finishWriter.signal() }

        let log = try fixture.weir(["log", "--json"])
        #expect(log.status == 0)
        let sessions = try #require(
            try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]])
        #expect(sessions.count == 3)
        #expect(sessions.allSatisfy { $0["summary"] as? String != "uncommitted" })
        for arguments in [["versions"], ["show", "v2"], ["diff", "v1", "v2"], ["events"], ["metrics"]] {
            let result = try fixture.weir(arguments)
            #expect(result.status == 0, "weir \(arguments.joined(separator: " ")): \(result.stderr)")
        }
    }
}
