import Foundation
import Testing

@testable import Weir

@Suite struct FingerprintTests {
    static let yaml = """
        stages:
          clean:
            cmd: sh clean.sh ${params.factor} ${deps.raw} ${out}
            deps: {raw: data/raw, up: stage:source}
            params: {factor: 2, names: [a, b]}
            out: build/clean
          source: {cmd: 'true', out: build/source}
        """

    func stage(_ yaml: String = yaml) throws -> StageDefinition {
        try #require(try PipelineParser(projectRoot: "/").parse(yaml, file: "weir.yaml").stage(named: "clean"))
    }

    @Test func documentHoldsEverythingThatDeterminesTheOutput() throws {
        let fingerprint = try StageFingerprint(
            stage: try stage(), inputHashes: ["data/raw": "aa"], upstreamOutputs: ["source": "bb"])
        #expect(
            fingerprint.canonicalJSON
                == #"{"cmd":"sh clean.sh ${params.factor} ${deps.raw} ${out}","deps":{"raw":{"hash":"aa","path":"data/raw"},"up":{"output_hash":"bb","stage":"source"}},"kind":"command","out":"build/clean","params":{"factor":2,"names":["a","b"]},"weir_format":1}"#
        )
        // The run id is the SHA-256 of those bytes: the same on every machine and in every run.
        #expect(fingerprint.runID == Digest.sha256Hex(Array(fingerprint.canonicalJSON.utf8)))
        #expect(fingerprint.runID.count == 64)
    }

    @Test func theOrderOfKeysInTheFileDoesNotMatter() throws {
        let reordered = """
            stages:
              source: {out: build/source, cmd: 'true'}
              clean:
                out: build/clean
                params: {names: [a, b], factor: 2}
                deps: {up: stage:source, raw: data/raw}
                cmd: sh clean.sh ${params.factor} ${deps.raw} ${out}
            """
        let first = try StageFingerprint(
            stage: try stage(), inputHashes: ["data/raw": "aa"], upstreamOutputs: ["source": "bb"])
        let second = try StageFingerprint(
            stage: try stage(reordered), inputHashes: ["data/raw": "aa"], upstreamOutputs: ["source": "bb"])
        #expect(first.runID == second.runID)
    }

    @Test func everyIngredientChangesTheRunID() throws {
        let base = try StageFingerprint(
            stage: try stage(), inputHashes: ["data/raw": "aa"], upstreamOutputs: ["source": "bb"])
        let input = try StageFingerprint(
            stage: try stage(), inputHashes: ["data/raw": "ab"], upstreamOutputs: ["source": "bb"])
        let upstream = try StageFingerprint(
            stage: try stage(), inputHashes: ["data/raw": "aa"], upstreamOutputs: ["source": "bc"])
        let param = try StageFingerprint(
            stage: try stage(Self.yaml.replacingOccurrences(of: "factor: 2", with: "factor: 2.0")),
            inputHashes: ["data/raw": "aa"], upstreamOutputs: ["source": "bb"])
        let command = try StageFingerprint(
            stage: try stage(Self.yaml.replacingOccurrences(of: "sh clean.sh", with: "bash clean.sh")),
            inputHashes: ["data/raw": "aa"], upstreamOutputs: ["source": "bb"])
        #expect(Set([base.runID, input.runID, upstream.runID, param.runID, command.runID]).count == 5)
    }

    @Test func diffNamesEachKindOfChange() throws {
        let old: JSONValue = [
            "cmd": "a", "kind": "command", "out": "o", "weir_format": 1, "params": ["x": 1, "gone": true],
            "deps": ["raw": ["path": "data/raw", "hash": "1"], "up": ["stage": "s", "output_hash": "1"]],
        ]
        let new: JSONValue = [
            "cmd": "b", "kind": "command", "out": "o", "weir_format": 1, "params": ["x": 2, "added": "y"],
            "deps": ["raw": ["path": "data/raw", "hash": "2"], "up": ["stage": "s", "output_hash": "2"]],
        ]
        #expect(
            FingerprintDiff.reasons(from: old, to: new, pendingUpstream: []) == [
                .commandChanged, .paramChanged(name: "added", old: nil, new: "y"),
                .paramChanged(name: "gone", old: true, new: nil), .paramChanged(name: "x", old: 1, new: 2),
                .inputChanged(path: "data/raw"), .upstreamChanged(stage: "s"),
            ])
        #expect(FingerprintDiff.reasons(from: old, to: old, pendingUpstream: []).isEmpty)
        #expect(FingerprintDiff.reasons(from: old, to: old, pendingUpstream: ["s"]) == [.upstreamChanged(stage: "s")])
    }

    @Test func aBuiltInStagesChangedOptionsAreNamed() throws {
        func fingerprint(_ options: String) -> JSONValue {
            ["cmd": .string("ingest " + options), "kind": "ingest", "out": "o", "weir_format": 1]
        }
        let old = fingerprint(#"{"csv":{"delimiter":","},"schema":{},"source":"raw"}"#)
        let new = fingerprint(
            #"{"csv":{"delimiter":";"},"schema":{"i_a":"string"},"schema_evolution":"frozen","source":"raw"}"#)
        let reasons = FingerprintDiff.reasons(from: old, to: new, pendingUpstream: [])
        #expect(
            reasons == [
                .optionChanged(name: "csv.delimiter", old: ",", new: ";"),
                .optionChanged(name: "schema", old: .object([:]), new: ["i_a": "string"]),
                .optionChanged(name: "schema_evolution", old: nil, new: "frozen"),
            ])
        #expect(reasons.allSatisfy { $0.kind == "command-changed" })
        #expect(
            try reasons[0].json.canonicalString()
                == #"{"kind":"command-changed","new":";","old":",","option":"csv.delimiter"}"#)
        #expect(reasons[2].text == "option 'schema_evolution' set to frozen")
        // A command stage's command is not a document of options.
        let command: JSONValue = ["cmd": "sh a.sh", "kind": "command", "out": "o", "weir_format": 1]
        let other: JSONValue = ["cmd": "sh b.sh", "kind": "command", "out": "o", "weir_format": 1]
        #expect(FingerprintDiff.reasons(from: command, to: other, pendingUpstream: []) == [.commandChanged])
    }

    @Test func reasonsPrintAsSpecSaysAndReadWell() throws {
        let reason = StageReason.paramChanged(name: "factor", old: 2, new: 3)
        #expect(try reason.json.canonicalString() == #"{"kind":"param-changed","name":"factor","new":3,"old":2}"#)
        #expect(reason.text == "param 'factor' changed 2 → 3")
        #expect(
            try StageReason.inputChanged(path: "x").json.canonicalString() == #"{"kind":"input-changed","path":"x"}"#)
        #expect(
            try StageReason.upstreamChanged(stage: "s").json.canonicalString()
                == #"{"kind":"upstream-changed","stage":"s"}"#)
        #expect(
            [StageReason.newStage, .missingOutput, .commandChanged, .forced].map(\.kind) == [
                "new-stage", "missing-output", "command-changed", "forced",
            ])
    }
}
