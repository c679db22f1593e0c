import Foundation
import Testing
import Weir
import WeirTestSupport

/// The comparison of many versions through the store API: lineage, batched reads, columns, sorting.
@Suite struct VersionComparisonTests {
    /// `count` versions in one chain; version i holds `train` run i (lr = i / 1000, score = i mod 7)
    /// and the one `prep` run, whose `seed` never changes.
    static func chain(_ count: Int, in store: StateStore) throws {
        let session = try store.beginSession(command: "weir run", arguments: []).id
        let prep = String(repeating: "a", count: 64)
        try store.recordRun(
            RunRecord(
                id: prep, stage: "prep", fingerprintJSON: #"{"params":{"seed":1}}"#, session: session,
                status: .succeeded, reasonsJSON: "[]", startedAt: Date()))
        for index in 1...count {
            let run = String(format: "%064x", index)
            try store.recordRun(
                RunRecord(
                    id: run, stage: "train", fingerprintJSON: #"{"params":{"lr":\#(Double(index) / 1000),"seed":1}}"#,
                    session: session, status: .succeeded, reasonsJSON: "[]", startedAt: Date()))
            try store.recordMetric(
                MetricRecord(
                    session: session, stage: "train", run: run, name: "score", value: Double(index % 7), unit: ""))
            _ = try store.createVersion(
                parent: index == 1 ? nil : Int64(index - 1), command: "weir run", session: session,
                stages: ["prep": prep, "train": run], note: nil)
        }
    }

    @Test(arguments: [(StateStoreKind.sqlite, 1000), (.postgres, 120)])
    func aLongChainIsComparedInFewQueries(store kind: StateStoreKind, count: Int) throws {
        let fixture = try StateStoreFixture(kind)
        try Self.chain(count, in: fixture.store)
        let lineage = try fixture.store.lineage(from: Int64(count), limit: 5000)
        #expect(lineage == (1...Int64(count)).reversed())
        #expect(try fixture.store.lineage(from: Int64(count), limit: 20).count == 20)

        var comparison = try VersionComparison.load(
            from: fixture.store, versions: lineage, head: Int64(count), stage: nil, sort: nil, ascending: false)
        #expect(comparison.rows.count == count)
        #expect(comparison.columns.map(\.name) == ["train.lr", "train:score"], "seed is the same everywhere")
        #expect(comparison.rows.first?.isHead == true)
        #expect(comparison.rows.last?.params["train.lr"] == .double(0.001))
        comparison.sort(by: try #require(comparison.columns(matching: "score").first), ascending: false)
        #expect(comparison.rows.first?.metrics["train:score"] == 6)
        let sixes = (1...Int64(count)).reversed().filter { $0 % 7 == 6 }.prefix(3)
        #expect(comparison.rows.prefix(3).map(\.version.id) == Array(sixes), "ties keep the lineage order")
    }

    @Test func sharedParamsAreOneColumnAndStagesTheirOwn() throws {
        let fixture = try StateStoreFixture()
        let store = fixture.store
        let session = try store.beginSession(command: "weir run", arguments: []).id
        for (index, units) in ["celsius", "kelvin"].enumerated() {
            var stages: [String: String] = [:]
            for stage in ["a", "b"] {
                let run = stage + String(repeating: "0", count: 62) + String(index)
                try store.recordRun(
                    RunRecord(
                        id: run, stage: stage, fingerprintJSON: #"{"params":{"units":"\#(units)","k":\#(index)}}"#,
                        session: session, status: .succeeded, reasonsJSON: "[]", startedAt: Date()))
                stages[stage] = run
            }
            _ = try store.createVersion(
                parent: index == 0 ? nil : 1, command: "weir run", session: session, stages: stages, note: nil)
        }
        let both = try VersionComparison.load(
            from: store, versions: [2, 1], head: 2, stage: nil, sort: nil, ascending: false)
        #expect(both.columns.map(\.name) == ["k", "units"])
        #expect(both.rows[0].params["units"] == "kelvin")
        let one = try VersionComparison.load(
            from: store, versions: [2, 1], head: 2, stage: "a", sort: "k", ascending: true)
        #expect(one.columns.map(\.name) == ["a.k", "a.units"])
        #expect(one.rows.map(\.version.id) == [1, 2])
        #expect(throws: VersionComparisonError.self) {
            try VersionComparison.load(from: store, versions: [1], head: 2, stage: "c", sort: nil, ascending: false)
        }
    }
}
