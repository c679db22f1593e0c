import Foundation
import Testing
import WeirTestSupport

@testable import Weir

@Suite struct PipelineParserTests {
    static let specExample = """
        stages:
          clean:
            cmd: sh clean.sh ${params.factor} ${deps.raw} ${out}
            deps: {raw: data/raw, script: clean.sh}    # a name → a project path or another stage
            params: {factor: 2}
            out: build/clean                            # symlink to the current run's folder
          features:
            cmd: python3 features.py ${deps.clean} ${out}
            deps: {clean: stage:clean, script: features.py}
            out: build/features
        """

    @Test func parsesTheSpecExample() throws {
        let pipeline = try PipelineParser(projectRoot: "/nonexistent").parse(Self.specExample, file: "weir.yaml")
        #expect(pipeline.stageNames == ["clean", "features"])
        let clean = try #require(pipeline.stage(named: "clean"))
        #expect(clean.kind == .command)
        #expect(clean.command == "sh clean.sh ${params.factor} ${deps.raw} ${out}")
        #expect(clean.deps.map(\.name) == ["raw", "script"])
        #expect(clean.deps.map(\.target) == [.path("data/raw"), .path("clean.sh")])
        #expect(clean.params == ["factor": .int(2)])
        #expect(clean.out == "build/clean")
        let features = try #require(pipeline.stage(named: "features"))
        #expect(features.upstreamStages == ["clean"])
        #expect(features.deps.first?.target == .stage("clean"))
    }

    @Test func ordersStagesAfterTheirUpstreamKeepingFileOrderOtherwise() throws {
        let text = """
            stages:
              report: {cmd: 'true', deps: {a: stage:join}, out: o/report}
              left: {cmd: 'true', out: o/left}
              join: {cmd: 'true', deps: {l: stage:left, r: stage:right}, out: o/join}
              right: {cmd: 'true', out: o/right}
            """
        let pipeline = try PipelineParser(projectRoot: "/").parse(text, file: "weir.yaml")
        #expect(pipeline.stageNames == ["left", "right", "join", "report"])
        #expect(pipeline.withUpstream(["join"]) == ["left", "right", "join"])
        #expect(pipeline.withDownstream(["right"]) == ["right", "join", "report"])
        #expect(pipeline.consumers(of: "left") == ["join"])
    }

    @Test func paramsKeepTheirYAMLTypesAndSharedParamsAreMergedUnderOwnOnes() throws {
        let text = """
            params: {seed: 7, label: shared}
            stages:
              fit:
                cmd: 'true'
                params:
                  label: own
                  rate: 0.5
                  whole: 2.0
                  flag: true
                  none: null
                  when: 2024-01-31
                  list: [1, "1", 1.5]
                  nested: {b: 1, a: [x]}
                  big: 0x10
                out: build/fit
            """
        let pipeline = try PipelineParser(projectRoot: "/").parse(text, file: "weir.yaml")
        let fit = try #require(pipeline.stage(named: "fit"))
        #expect(fit.params["seed"] == .int(7))
        #expect(fit.params["label"] == .string("own"))
        #expect(fit.params["rate"] == .double(0.5))
        #expect(fit.params["whole"] == .double(2.0))
        #expect(fit.params["flag"] == .bool(true))
        #expect(fit.params["none"] == .null)
        #expect(fit.params["when"] == .string("2024-01-31"))
        #expect(fit.params["list"] == .array([.int(1), .string("1"), .double(1.5)]))
        #expect(fit.params["nested"] == .object(["a": .array(["x"]), "b": .int(1)]))
        #expect(fit.params["big"] == .int(16))
    }

    @Test func readsParamsFromAParamsFile() throws {
        let folder = try TemporaryDirectory()
        try folder.write("conf/params.yaml", "alpha: 1\nbeta: {depth: 3}\n")
        let text = """
            stages:
              fit:
                cmd: echo ${params.alpha} ${params.beta.depth} ${params.gamma}
                params_file: conf/params.yaml
                params: {gamma: g}
                out: build/fit
            """
        let pipeline = try PipelineParser(projectRoot: folder.path).parse(text, file: "weir.yaml")
        #expect(pipeline.stage(named: "fit")?.params == ["alpha": 1, "beta": ["depth": 3], "gamma": "g"])
    }

    @Test func normalizesPaths() throws {
        let text = """
            stages:
              a: {cmd: 'true', deps: {x: ./data//raw/, y: data/../other}, out: ./build/a/}
            """
        let stage = try #require(try PipelineParser(projectRoot: "/").parse(text, file: "weir.yaml").stages.first)
        #expect(stage.deps.map(\.path) == ["data/raw", "other"])
        #expect(stage.out == "build/a")
    }

    @Test func dollarDollarBraceIsALiteral() throws {
        let text = """
            stages:
              a: {cmd: 'echo $${HOME} ${out}', out: build/a}
            """
        let stage = try #require(try PipelineParser(projectRoot: "/").parse(text, file: "weir.yaml").stages.first)
        let template = try CommandTemplate.parse(stage.command).get()
        #expect(template.render(out: "o ut", deps: [:], params: [:]) == "echo ${HOME} 'o ut'")
    }
}
