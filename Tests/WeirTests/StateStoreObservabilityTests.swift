import Foundation
import Testing
import Weir
import WeirTestSupport

@Suite struct StateStoreObservabilityTests {
    @Test(arguments: StateStoreKind.allCases) func eventsRoundTripAndFilter(store kind: StateStoreKind) throws {
        let fixture = try StateStoreFixture(kind)
        let store = fixture.store
        let a = try store.beginSession(command: "weir run", arguments: []).id
        let b = try store.beginSession(command: "weir run", arguments: []).id
        let at = Date(timeIntervalSince1970: 1_800_000_000.25)
        try store.recordEvent(
            EventRecord(session: a, level: .info, stage: "clean", kind: "stage-started", message: "Started", at: at))
        try store.recordEvent(
            EventRecord(
                session: a, level: .warning, stage: "clean", kind: "rows-rejected", message: "2 rows rejected",
                fieldsJSON: #"{"rows":2}"#))
        try store.recordEvent(EventRecord(session: a, level: .debug, stage: nil, kind: "note", message: "debug"))
        try store.recordEvent(EventRecord(session: b, level: .error, stage: "features", kind: "failed", message: "x"))

        let all = try store.events(session: nil, stage: nil, minLevel: nil, limit: nil)
        #expect(all.map(\.kind) == ["stage-started", "rows-rejected", "note", "failed"])
        #expect(all[0].at == at)
        #expect(all[0].fieldsJSON == "{}")
        #expect(all[1].fieldsJSON == #"{"rows":2}"#)
        #expect(all[2].stage == nil)
        let ids = all.compactMap(\.id)
        #expect(ids.count == 4 && ids == ids.sorted())

        #expect(try store.events(session: a, stage: nil, minLevel: nil, limit: nil).count == 3)
        #expect(try store.events(session: nil, stage: "clean", minLevel: nil, limit: nil).count == 2)
        #expect(
            try store.events(session: nil, stage: nil, minLevel: .warning, limit: nil).map(\.kind) == [
                "rows-rejected", "failed",
            ])
        #expect(
            try store.events(session: a, stage: "clean", minLevel: .warning, limit: nil).map(\.kind) == [
                "rows-rejected"
            ])
        // A limit keeps the latest events, still oldest first.
        #expect(try store.events(session: nil, stage: nil, minLevel: nil, limit: 2).map(\.kind) == ["note", "failed"])
    }

    @Test func levelsAreOrdered() {
        #expect(EventLevel.debug < .info && EventLevel.info < .warning && EventLevel.warning < .error)
        #expect(EventLevel.allCases.sorted() == [.debug, .info, .warning, .error])
    }

    @Test(arguments: StateStoreKind.allCases) func latestProgressPerStage(store kind: StateStoreKind) throws {
        let fixture = try StateStoreFixture(kind)
        let store = fixture.store
        let session = try store.beginSession(command: "weir run", arguments: []).id
        let other = try store.beginSession(command: "weir run", arguments: []).id
        try store.recordProgress(session: session, stage: "clean", done: 1, total: 10, unit: "files", message: nil)
        try store.recordProgress(session: session, stage: "clean", done: 7, total: 10, unit: "files", message: "a.csv")
        try store.recordProgress(session: session, stage: "features", done: 100, total: nil, unit: "rows", message: nil)
        try store.recordProgress(session: session, stage: nil, done: 1, total: 2, unit: "stages", message: nil)
        try store.recordProgress(session: other, stage: "clean", done: 9, total: 9, unit: "files", message: nil)

        let latest = try store.latestProgress(session: session)
        #expect(latest.count == 3)
        let byStage = Dictionary(uniqueKeysWithValues: latest.map { ($0.stage ?? "", $0) })
        #expect(byStage["clean"]?.done == 7)
        #expect(byStage["clean"]?.message == "a.csv")
        #expect(byStage["features"]?.total == nil)
        #expect(byStage[""]?.unit == "stages")
        #expect(try store.latestProgress(session: "unknown").isEmpty)
    }

    @Test(arguments: StateStoreKind.allCases) func metricsRoundTripAndFilter(store kind: StateStoreKind) throws {
        let fixture = try StateStoreFixture(kind)
        let store = fixture.store
        let session = try store.beginSession(command: "weir run", arguments: []).id
        let run1 = StateStoreFixture.runID("aa")
        let run2 = StateStoreFixture.runID("bb")
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        try store.recordMetric(
            MetricRecord(
                session: session, stage: "clean", run: run1, name: "wall_seconds", value: 1.5, unit: "s", at: at))
        try store.recordMetric(
            MetricRecord(session: session, stage: "clean", run: run1, name: "rows", value: 1000, unit: "rows", at: at))
        try store.recordMetric(
            MetricRecord(session: session, stage: "features", run: run2, name: "rows", value: 10, unit: "rows", at: at))
        try store.recordMetric(
            MetricRecord(session: session, stage: nil, run: nil, name: "wall_seconds", value: 3, unit: "s", at: at))

        let all = try store.metrics(stage: nil, run: nil, session: nil, name: nil)
        #expect(all.count == 4)
        #expect(all[0].value == 1.5 && all[0].unit == "s" && all[0].at == at && all[0].run == run1)
        #expect(all[3].stage == nil && all[3].run == nil)
        #expect(try store.metrics(stage: "clean", run: nil, session: nil, name: nil).count == 2)
        #expect(try store.metrics(stage: nil, run: run2, session: nil, name: nil).map(\.value) == [10])
        #expect(try store.metrics(stage: nil, run: nil, session: session, name: "rows").map(\.value) == [1000, 10])
        #expect(try store.metrics(stage: nil, run: nil, session: "other", name: nil).isEmpty)
    }
}
