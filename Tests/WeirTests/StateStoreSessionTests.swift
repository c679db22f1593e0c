import Foundation
import Testing
import Weir
import WeirTestSupport

@Suite struct StateStoreSessionTests {
    @Test(arguments: StateStoreKind.allCases) func beginRecordsWhoWhereAndWhen(store kind: StateStoreKind) throws {
        let fixture = try StateStoreFixture(kind)
        let before = Date.now.addingTimeInterval(-1)
        let session = try fixture.store.beginSession(command: "weir run", arguments: ["--force", "clean"])
        #expect(session.id.count == 36)
        #expect(session.id == session.id.lowercased())
        #expect(session.pid == ProcessInfo.processInfo.processIdentifier)
        #expect(!session.host.isEmpty)
        #expect(!session.user.isEmpty)
        #expect(session.cwd == FileManager.default.currentDirectoryPath)
        #expect(session.status == .running)
        #expect(session.startedAt > before)
        #expect(try fixture.store.session(session.id) == session)
    }

    @Test(arguments: StateStoreKind.allCases, [SessionStatus.succeeded, .failed, .interrupted])
    func endRecordsStatusSummaryAndTime(store kind: StateStoreKind, status: SessionStatus) throws {
        let fixture = try StateStoreFixture(kind)
        let session = try fixture.store.beginSession(command: "weir run", arguments: [])
        try fixture.store.endSession(session.id, status: status, summary: "3 stages ran")
        let ended = try #require(try fixture.store.session(session.id))
        #expect(ended.status == status)
        #expect(ended.summary == "3 stages ran")
        #expect(try #require(ended.endedAt) >= session.startedAt)
    }

    @Test(arguments: StateStoreKind.allCases) func endingAnUnknownSessionFails(store kind: StateStoreKind) throws {
        let fixture = try StateStoreFixture(kind)
        let error = try #require(throws: StateRecordNotFoundError.self) {
            try fixture.store.endSession("nope", status: .failed, summary: nil)
        }
        #expect(error.description == "There is no session 'nope'. See 'weir log' for the sessions.")
    }

    @Test(arguments: StateStoreKind.allCases) func listsNewestFirstWithALimit(store kind: StateStoreKind) throws {
        let fixture = try StateStoreFixture(kind)
        var ids: [String] = []
        for index in 0..<4 {
            ids.append(try fixture.store.beginSession(command: "weir run", arguments: ["\(index)"]).id)
            Thread.sleep(forTimeInterval: 0.002)
        }
        #expect(try fixture.store.sessions(limit: nil).map(\.id) == ids.reversed())
        #expect(try fixture.store.sessions(limit: 2).map(\.id) == Array(ids.reversed().prefix(2)))
        #expect(try fixture.store.sessions(limit: 0).isEmpty)
    }

    @Test(arguments: StateStoreKind.allCases) func findsByUniquePrefixAndReportsAmbiguity(store kind: StateStoreKind)
        throws
    {
        let fixture = try StateStoreFixture(kind)
        var sessions: [SessionRecord] = []
        for _ in 0..<40 { sessions.append(try fixture.store.beginSession(command: "weir run", arguments: [])) }
        let first = sessions[0]
        #expect(try fixture.store.session(String(first.id.prefix(12)).uppercased()) == first)
        #expect(try fixture.store.session("zzzz") == nil)
        #expect(try fixture.store.session("") == nil)
        // 40 random UUIDs: at least two share their first hex digit.
        let groups = Dictionary(grouping: sessions, by: { $0.id.prefix(1) })
        let shared = try #require(groups.first(where: { $0.value.count > 1 }))
        let error = try #require(throws: AmbiguousIdentifierError.self) {
            try fixture.store.session(String(shared.key))
        }
        #expect(error.description.hasPrefix("The session id prefix '\(shared.key)' is ambiguous; it matches:\n"))
        for candidate in shared.value.prefix(10) { #expect(error.description.contains(candidate.id)) }
        #expect(error.description.hasSuffix("\nGive more characters of the id."))
    }
}
