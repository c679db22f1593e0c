import Foundation
import Testing
import Weir
import WeirTestSupport

/// `ParamOverrides` from Swift: parsing `--set`, precedence, and the pipeline they produce.
@Suite struct ParamOverridesTests {
    static let pipeline = try! PipelineParser(projectRoot: "/nonexistent").parse(
        """
        params: {units: celsius, seed: 1}
        stages:
          clean:
            cmd: echo ${params.factor} ${params.units} > ${out}/v
            params: {factor: 2, units: fahrenheit}
            out: build/clean
          train:
            cmd: echo ${params.lr} > ${out}/v
            params: {lr: 0.1}
            out: build/train
        """, file: "weir.yaml")

    @Test func aStageOverrideWinsOverASharedOneAndSetOverTheProfile() throws {
        let folder = try TemporaryDirectory("weir-overrides")
        _ = try folder.write("dev.yaml", "units: kelvin\nclean: {factor: 5}\ntrain: {lr: 0.5}\n")
        let overrides = try ParamOverrides(
            set: ["clean.units=rankine", "train.lr=0.25", "seed=2", "seed=3"], paramsFile: "dev.yaml",
            pipeline: Self.pipeline, projectRoot: "/nonexistent", currentDirectory: folder.path)
        #expect(
            overrides.effective.map(\.text) == [
                "clean.factor=5 (--params dev.yaml)", "clean.units=rankine (--set)", "seed=3 (--set)",
                "train.lr=0.25 (--set)", "units=kelvin (--params dev.yaml)",
            ])
        let applied = try overrides.applied(to: Self.pipeline)
        let clean = try #require(applied.stage(named: "clean"))
        #expect(clean.params == ["factor": 5, "units": "rankine", "seed": 3])
        #expect(clean.paramSources == ["factor": "--params dev.yaml", "units": "--set", "seed": "--set"])
        let train = try #require(applied.stage(named: "train"))
        #expect(train.params == ["lr": 0.25, "units": "kelvin", "seed": 3])
        #expect(applied.sharedParams == ["units": "kelvin", "seed": 3])
        #expect(try ParamOverrides().applied(to: Self.pipeline).stages == Self.pipeline.stages)
    }

    @Test func valuesKeepTheirYAMLTypes() throws {
        let values = try ["3", "3.0", "true", "~", "kelvin", "\"3\"", "[1, 2]", "{a: 1}", "2026-01-01"].map { text in
            try ParamOverrides(
                set: ["clean.factor=\(text)"], paramsFile: nil, pipeline: Self.pipeline, projectRoot: "/nonexistent"
            ).effective[0].value
        }
        #expect(values == [3, 3.0, true, nil, "kelvin", "3", [1, 2], ["a": 1], "2026-01-01"])
    }

    @Test func overridesNotFromTheCommandLineAreCheckedWhenApplied() throws {
        let stray = ParamOverrides([ParamOverride(stage: "clean", name: "factr", value: 3, source: "--set")])
        let error = try #require(throws: ParamOverrideError.self) { try stray.applied(to: Self.pipeline) }
        #expect(
            error.description.hasPrefix(
                "Stage 'clean' has no param 'factr' ('clean.factr=3' (--set)). Did you mean 'factor'?"))
        #expect(error.exitStatus == 2)
    }
}
