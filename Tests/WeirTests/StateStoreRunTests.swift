import Foundation
import Testing
import Weir
import WeirTestSupport

@Suite struct StateStoreRunTests {
    @Test(arguments: StateStoreKind.allCases) func recordsEveryFieldAndUpdatesById(store kind: StateStoreKind) throws {
        let fixture = try StateStoreFixture(kind)
        let store = fixture.store
        let id = StateStoreFixture.runID("3f2a9c")
        let started = Date(timeIntervalSince1970: 1_800_000_000.5)
        var run = RunRecord(
            id: id, stage: "clean", fingerprintJSON: #"{"kind":"command","params":{"factor":2}}"#, session: "s1",
            status: .running, reasonsJSON: #"[{"kind":"param-changed","name":"factor","old":1,"new":2}]"#,
            startedAt: started)
        try store.recordRun(run)
        #expect(try store.run(id) == run)

        run.status = .succeeded
        run.finishedAt = started.addingTimeInterval(2.25)
        run.exitCode = 0
        run.outputHash = String(repeating: "e", count: 64)
        run.outputBytes = 123_456_789_012
        run.outputFiles = 3
        run.wallSeconds = 2.25
        run.cpuSeconds = 1.75
        run.peakMemoryBytes = 50_000_000
        try store.recordRun(run)
        #expect(try store.run(id) == run)
        #expect(try store.runs(stage: nil, limit: nil).count == 1)
    }

    @Test(arguments: StateStoreKind.allCases) func listsByStageNewestFirst(store kind: StateStoreKind) throws {
        let fixture = try StateStoreFixture(kind)
        let store = fixture.store
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        for (index, stage) in ["clean", "features", "clean", "clean"].enumerated() {
            try store.recordRun(
                fixture.run(
                    StateStoreFixture.runID("a\(index)"), stage: stage, session: "s",
                    startedAt: base.addingTimeInterval(Double(index))))
        }
        #expect(try store.runs(stage: "clean", limit: nil).map { String($0.id.prefix(2)) } == ["a3", "a2", "a0"])
        #expect(try store.runs(stage: "clean", limit: 1).map { String($0.id.prefix(2)) } == ["a3"])
        #expect(try store.runs(stage: nil, limit: nil).count == 4)
        #expect(try store.runs(stage: "missing", limit: nil).isEmpty)
    }

    @Test(arguments: StateStoreKind.allCases) func findsByPrefix(store kind: StateStoreKind) throws {
        let fixture = try StateStoreFixture(kind)
        let store = fixture.store
        for prefix in ["abcd1", "abcd2", "ef01"] {
            try store.recordRun(fixture.run(StateStoreFixture.runID(prefix), stage: prefix, session: "s"))
        }
        #expect(try store.run("ef01")?.stage == "ef01")
        #expect(try store.run("ABCD1")?.stage == "abcd1")
        #expect(try store.run(StateStoreFixture.runID("abcd2"))?.stage == "abcd2")
        #expect(try store.run("1234") == nil)

        let ambiguous = try #require(throws: AmbiguousIdentifierError.self) { try store.run("abcd") }
        #expect(ambiguous.description.hasPrefix("The run id prefix 'abcd' is ambiguous; it matches:\n  abcd1"))
        #expect(ambiguous.description.contains("stage 'abcd1'"))
        #expect(ambiguous.description.contains("stage 'abcd2'"))
        #expect(ambiguous.exitStatus == 1)

        let short = try #require(throws: InvalidIdentifierError.self) { try store.run("abc") }
        #expect(
            short.description
                == "The run id 'abc' is not valid: give at least 4 hexadecimal characters of the run id.")
        let notHex = try #require(throws: InvalidIdentifierError.self) { try store.run("xyz12") }
        #expect(notHex.description.hasPrefix("The run id 'xyz12' is not valid: a run id is made of hexadecimal digits"))
    }
}
