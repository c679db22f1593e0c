import Foundation
import Testing
import Weir

@Suite struct StateInspectionTests {
    @Test func jsonValuesParseAndRenderWithSortedKeys() throws {
        let value = try #require(JSONDocument(parsing: #"{"b":[1,2.5,true,null],"a":"x\"y\n","c":{}}"#))
        #expect(value.rendered() == #"{"a":"x\"y\n","b":[1,2.5,true,null],"c":{}}"#)
        #expect(
            value.rendered(pretty: true)
                == "{\n  \"a\": \"x\\\"y\\n\",\n  \"b\": [\n    1,\n    2.5,\n    true,\n    null\n  ],\n  \"c\": {}\n}"
        )
        #expect(value["b"] == .array([.integer(1), .number(2.5), .bool(true), .null]))
        #expect(JSONDocument(parsing: "{not json") == nil)
        #expect(JSONDocument(parsingOrKeeping: "{not json") == .string("{not json"))
        #expect(JSONDocument.string("\u{1}").rendered() == #""\u0001""#)
    }

    @Test func jsonDiffFindsLeafDifferences() throws {
        let old = try #require(
            JSONDocument(
                parsing: #"{"params":{"factor":2,"mode":"a"},"inputs":{"data/raw":"aa","gone":"x"},"deps":[1,2]}"#))
        let new = try #require(
            JSONDocument(
                parsing: #"{"params":{"factor":3,"mode":"a"},"inputs":{"data/raw":"bb","new":"y"},"deps":[1,2,3]}"#))
        let differences = JSONDiff.differences(old, new)
        #expect(
            differences.map(\.path) == ["deps[2]", "inputs.data/raw", "inputs.gone", "inputs.new", "params.factor"])
        #expect(differences[0].old == nil && differences[0].new == .integer(3))
        #expect(differences[1].old == .string("aa") && differences[1].new == .string("bb"))
        #expect(differences[2].new == nil)
        #expect(JSONDiff.differences(old, old).isEmpty)
        #expect(JSONDiff.differences(.integer(1), .string("1")).map(\.path) == [""])
    }

    @Test func stageChangesClassifyStages() {
        let changes = StageChanges(
            from: ["clean": "r1", "features": "r2", "old": "r3"], to: ["clean": "r1", "features": "r4", "new": "r5"])
        #expect(changes.added.map { "\($0.stage)=\($0.run)" } == ["new=r5"])
        #expect(changes.removed.map { "\($0.stage)=\($0.run)" } == ["old=r3"])
        #expect(changes.changed.map { "\($0.stage):\($0.oldRun)>\($0.newRun)" } == ["features:r2>r4"])
        #expect(changes.unchanged == ["clean"])
        #expect(!changes.isEmpty)
        #expect(StageChanges(from: ["a": "1"], to: ["a": "1"]).isEmpty)
    }

    @Test func runsByExactIDs() throws {
        let fixture = try StateStoreFixture()
        let ids = (0..<3).map { StateStoreFixture.runID("c\($0)") }
        for id in ids { try fixture.store.recordRun(fixture.run(id, stage: "s", session: "x")) }
        let found = try fixture.store.runs(withIDs: [ids[0], ids[2], "not-a-run", ids[0]])
        #expect(Set(found.keys) == [ids[0], ids[2]])
        #expect(try fixture.store.runs(withIDs: [String]()).isEmpty)
    }
}
