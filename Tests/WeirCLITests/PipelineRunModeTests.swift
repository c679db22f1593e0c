import Foundation
import Testing
import Weir
import WeirTestSupport

/// `weir run` in every mode: incremental, forced, selected, only, downstream, from a version, dry, parallel.
@Suite struct PipelineRunModeTests {
    @Test(arguments: StateStoreKind.allCases) func incrementalRunsOnlyWhatChanged(store: StateStoreKind) throws {
        let project = try SpecProject.make(store: store)
        let first = try project.run()
        #expect(PipelineFixture.outcomes(first) == ["clean": "ran", "features": "ran"])
        #expect(first["version"] == 1)
        let again = try project.run()
        #expect(PipelineFixture.outcomes(again) == ["clean": "up-to-date", "features": "up-to-date"])
        #expect(again["version"] == .null)
        #expect(again["head"] == 1)
        try project.write("features.py", SpecProject.features + "# tweak\n")
        #expect(PipelineFixture.outcomes(try project.run()) == ["clean": "up-to-date", "features": "ran"])
    }

    @Test(arguments: StateStoreKind.allCases) func identicalUpstreamOutputCutsOffDownstream(store: StateStoreKind)
        throws
    {
        let project = try SpecProject.make(store: store)
        try project.run()
        try project.write("clean.sh", SpecProject.clean + "# the output stays the same\n")
        let report = try project.run()
        #expect(PipelineFixture.outcomes(report) == ["clean": "ran", "features": "up-to-date"])
        let text = try project.weir("run")
        #expect(text.stdout.contains("clean: up to date\nfeatures: up to date\n"))
    }

    @Test(arguments: StateStoreKind.allCases) func forcedStagesRunAndDownstreamFollowsOnlyIfTheOutputChanged(
        store: StateStoreKind
    ) throws {
        let project = try SpecProject.make(store: store)
        try project.run()
        let forced = try project.run("--force", "clean")
        #expect(PipelineFixture.outcomes(forced) == ["clean": "ran", "features": "up-to-date"])
        #expect(forced["stages"]?.arrayFirst?["reasons"] == [["kind": "forced"]])
        let all = try project.run("--force-all")
        #expect(PipelineFixture.outcomes(all) == ["clean": "ran", "features": "ran"])
        #expect(try project.weir("verify").status == 0)
    }

    @Test(arguments: StateStoreKind.allCases) func namedStagesRunWithTheirUpstreamOnly(store: StateStoreKind) throws {
        let project = try SpecProject.make(store: store)
        let report = try project.run("clean")
        #expect(PipelineFixture.outcomes(report) == ["clean": "ran"])
        #expect(!project.exists("build/features"))
        #expect(try project.status()[1]?["state"] == "will-run")
        #expect(PipelineFixture.outcomes(try project.run("features")) == ["clean": "up-to-date", "features": "ran"])
    }

    @Test(arguments: StateStoreKind.allCases) func onlyRunsOneStageOnTheCurrentUpstreamOutput(store: StateStoreKind)
        throws
    {
        let project = try SpecProject.make(store: store)
        try project.run()
        try project.edit("weir.yaml", replacing: "factor: 2", with: "factor: 3")
        try project.write("features.py", SpecProject.features + "# tweak\n")
        let report = try project.run("--only", "features")
        #expect(PipelineFixture.outcomes(report) == ["features": "ran"])
        #expect(try project.read("build/features/features.txt") == "rows=3 total=120\n")
        #expect(try project.status()[0]?["state"] == "will-run")
    }

    @Test(arguments: StateStoreKind.allCases) func onlyWithoutAnUpstreamOutputFails(store: StateStoreKind) throws {
        let project = try SpecProject.make(store: store)
        let result = try project.weir("run", "--only", "features")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "features: failed — Stage 'features' needs the output of stage 'clean', which has no committed run. Run 'weir run clean' first, or leave out '--only'."
            ))
    }

    @Test(arguments: StateStoreKind.allCases) func downstreamRunsAStageAndEverythingAfterIt(store: StateStoreKind)
        throws
    {
        let project = try SpecProject.make(store: store)
        try project.run()
        try project.edit("weir.yaml", replacing: "factor: 2", with: "factor: 4")
        let report = try project.run("clean", "--downstream")
        #expect(PipelineFixture.outcomes(report) == ["clean": "ran", "features": "ran"])
        #expect(try project.read("build/features/features.txt") == "rows=3 total=240\n")
    }

    @Test(arguments: StateStoreKind.allCases) func fromVersionRecordsADerivedVersion(store: StateStoreKind) throws {
        let project = try SpecProject.make(store: store)
        try project.run()
        let v1Clean = try #require(project.linkedRun("build/clean"))
        try project.edit("weir.yaml", replacing: "factor: 2", with: "factor: 3")
        try project.run()
        try project.write("features.py", SpecProject.features + "# v3\n")
        try project.run()
        // Start again from v1: clean's run for factor 3 exists (v2), features must run for this script.
        try project.edit("weir.yaml", replacing: "factor: 3", with: "factor: 2")
        let derived = try project.run("--from-version", "v1")
        #expect(derived["version"] == 4)
        #expect(PipelineFixture.outcomes(derived) == ["clean": "up-to-date", "features": "ran"])
        #expect(project.linkedRun("build/clean") == v1Clean)
        let versions = try JSONValue.parse(try project.weir("versions", "--json").stdout)
        guard case .array(let list) = versions else { throw FixtureError(message: "versions is not an array") }
        #expect(list.map { $0["parent"] } == [.null, 1, 2, 1])
        let text = try project.weir("run", "--from-version", "v4")
        #expect(text.stdout.hasSuffix("Nothing changed; the head stays at v4.\n"))
    }

    @Test(arguments: StateStoreKind.allCases) func fromAnUnknownVersionIsRefused(store: StateStoreKind) throws {
        let project = try SpecProject.make(store: store)
        let result = try project.weir("run", "--from-version", "v9")
        #expect(result.status == 2)
        #expect(result.stderr == "error: There is no version v9. Run 'weir versions' to list the versions.\n")
        let bad = try project.weir("run", "--from-version", "nine")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("The value 'nine' is invalid for '--from-version <from-version>'"))
    }

    @Test(arguments: StateStoreKind.allCases) func dryRunChangesNothing(store: StateStoreKind) throws {
        let project = try SpecProject.make(store: store)
        let result = try project.weir("run", "--dry-run")
        #expect(result.status == 0)
        #expect(result.stdout == "clean: will run — new stage\nfeatures: will run — new stage\n")
        #expect(!project.exists(".weir"))
        #expect(!project.exists("build"))
    }

    @Test(arguments: StateStoreKind.allCases) func independentStagesRunInParallel(store: StateStoreKind) throws {
        // Each stage waits until the other has started: they can only both succeed side by side.
        let wait =
            "touch %@.started; i=0; while [ ! -e %@.started ]; do i=$((i+1)); [ $i -gt 100 ] && exit 9; sleep 0.05; done; echo ok > ${out}/x"
        let yaml = """
            stages:
              left: {cmd: '\(String(format: wait, "left", "right"))', out: o/left}
              right: {cmd: '\(String(format: wait, "right", "left"))', out: o/right}
              join: {cmd: 'cat ${deps.l}/x ${deps.r}/x > ${out}/x', deps: {l: stage:left, r: stage:right}, out: o/join}
            """
        let project = try PipelineFixture(["weir.yaml": yaml], store: store)
        let report = try project.run("--jobs", "2")
        #expect(PipelineFixture.outcomes(report) == ["left": "ran", "right": "ran", "join": "ran"])
        #expect(try project.read("o/join/x") == "ok\nok\n")
    }

    @Test(arguments: StateStoreKind.allCases) func unknownStagesAndBadOptionsAreUsageErrors(store: StateStoreKind)
        throws
    {
        let project = try SpecProject.make(store: store)
        let unknown = try project.weir("run", "--force", "clen")
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "error: Unknown stage 'clen'. Did you mean 'clean'?\n")
        let jobs = try project.weir("run", "--jobs", "0")
        #expect(jobs.status == 2)
        #expect(jobs.stderr.contains("'--jobs' must be at least 1."))
        let downstream = try project.weir("run", "--downstream")
        #expect(downstream.status == 2)
        #expect(
            downstream.stderr
                == "error: '--downstream' needs a stage to start from. Write 'weir run STAGE --downstream'.\n")
    }
}

extension JSONValue {
    var arrayFirst: JSONValue? {
        if case .array(let elements) = self { return elements.first }
        return nil
    }
}
