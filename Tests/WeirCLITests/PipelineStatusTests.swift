import Foundation
import Testing
import Weir
import WeirTestSupport

/// `weir status`: every state and every reason, in the exact JSON shape of SPEC §10.
@Suite struct PipelineStatusTests {
    @Test(arguments: StateStoreKind.allCases) func aNewPipelineWillRunEveryStageAsNew(store: StateStoreKind) throws {
        let project = try SpecProject.make(store: store)
        #expect(
            try project.status() == [
                ["stage": "clean", "state": "will-run", "reasons": [["kind": "new-stage"]]],
                ["stage": "features", "state": "will-run", "reasons": [["kind": "new-stage"]]],
            ])
        let text = try project.weir("status")
        #expect(text.status == 0)
        #expect(text.stdout == "clean: will run — new stage\nfeatures: will run — new stage\n")
    }

    @Test(arguments: StateStoreKind.allCases) func afterARunEverythingIsUpToDate(store: StateStoreKind) throws {
        let project = try SpecProject.make(store: store)
        try project.run()
        #expect(
            try project.status() == [
                ["stage": "clean", "state": "up-to-date", "reasons": []],
                ["stage": "features", "state": "up-to-date", "reasons": []],
            ])
        #expect(try project.read("build/clean/clean.csv") == "1,20\n2,40\n3,60\n")
        #expect(try project.read("build/features/features.txt") == "rows=3 total=120\n")
        #expect(try project.weir("status").stdout == "clean: up to date\nfeatures: up to date\n")
    }

    @Test(arguments: StateStoreKind.allCases) func aChangedParamIsNamedWithOldAndNewValues(store: StateStoreKind) throws
    {
        let project = try SpecProject.make(store: store)
        try project.run()
        try project.edit("weir.yaml", replacing: "factor: 2", with: "factor: 3")
        #expect(
            try project.status() == [
                [
                    "stage": "clean", "state": "will-run",
                    "reasons": [["kind": "param-changed", "name": "factor", "old": 2, "new": 3]],
                ],
                [
                    "stage": "features", "state": "will-run",
                    "reasons": [["kind": "upstream-changed", "stage": "clean"]],
                ],
            ])
        #expect(
            try project.weir("status").stdout
                == "clean: will run — param 'factor' changed 2 → 3\nfeatures: will run — upstream 'clean' changed\n")
    }

    @Test(arguments: StateStoreKind.allCases) func aChangedInputFileIsNamed(store: StateStoreKind) throws {
        let project = try SpecProject.make(store: store)
        try project.run()
        try project.write("data/raw/b.csv", "3,31\n")
        try project.write("features.py", SpecProject.features + "# a comment\n")
        let status = try project.status()
        #expect(
            status[0] == [
                "stage": "clean", "state": "will-run",
                "reasons": [["kind": "input-changed", "path": "data/raw/b.csv"]],
            ])
        #expect(
            status[1] == [
                "stage": "features", "state": "will-run",
                "reasons": [
                    ["kind": "input-changed", "path": "features.py"], ["kind": "upstream-changed", "stage": "clean"],
                ],
            ])
    }

    @Test(arguments: StateStoreKind.allCases) func manyChangedFilesAreReportedAsTheirFolder(store: StateStoreKind)
        throws
    {
        let project = try SpecProject.make(store: store)
        try project.run()
        try project.remove("data/raw/a.csv")
        for index in 0..<11 { try project.write("data/raw/new\(index).csv", "\(index),1\n") }
        #expect(try project.status()[0]?["reasons"] == [["kind": "input-changed", "path": "data/raw"]])
        try project.run()
        try project.write("data/raw/new3.csv", "3,2\n")
        try project.remove("data/raw/new4.csv")
        #expect(
            try project.weir("status").stdout.hasPrefix(
                "clean: will run — input 'data/raw/new3.csv' changed; input 'data/raw/new4.csv' changed\n"))
    }

    @Test(arguments: StateStoreKind.allCases) func aChangedCommandIsReported(store: StateStoreKind) throws {
        let project = try SpecProject.make(store: store)
        try project.run()
        try project.edit("weir.yaml", replacing: "python3 features.py", with: "python3 -B features.py")
        #expect(
            try project.status()[1] == [
                "stage": "features", "state": "will-run", "reasons": [["kind": "command-changed"]],
            ])
    }

    @Test(arguments: StateStoreKind.allCases) func aMissingOutputLinkIsRelinkedToTheCommittedRun(store: StateStoreKind)
        throws
    {
        let project = try SpecProject.make(store: store)
        try project.run()
        let run = try #require(project.linkedRun("build/clean"))
        try project.remove("build/clean")
        #expect(
            try project.status()[0]
                == [
                    "stage": "clean", "state": "will-reuse", "reasons": [["kind": "missing-output"]],
                    "run": .string(run),
                ])
        #expect(
            try project.weir("status").stdout.hasPrefix(
                "clean: will reuse run \(run.prefix(12)) (v1) — output missing\n"))
        let report = try project.run()
        #expect(PipelineFixture.outcomes(report) == ["clean": "reused", "features": "up-to-date"])
        #expect(project.linkedRun("build/clean") == run)
    }

    @Test(arguments: StateStoreKind.allCases) func aDeletedRunFolderMakesTheStageRunAgain(store: StateStoreKind) throws
    {
        let project = try SpecProject.make(store: store)
        try project.run()
        let run = try #require(project.linkedRun("build/clean"))
        try project.remove(".weir/runs/\(run)")
        #expect(
            try project.status()[0] == ["stage": "clean", "state": "will-run", "reasons": [["kind": "missing-output"]]])
        #expect(PipelineFixture.outcomes(try project.run()) == ["clean": "ran", "features": "up-to-date"])
    }

    @Test(arguments: StateStoreKind.allCases) func revertingAParamReusesTheEarlierRun(store: StateStoreKind) throws {
        let project = try SpecProject.make(store: store)
        try project.run()
        let first = try #require(project.linkedRun("build/clean"))
        try project.edit("weir.yaml", replacing: "factor: 2", with: "factor: 3")
        try project.run()
        try project.edit("weir.yaml", replacing: "factor: 3", with: "factor: 2")
        let status = try project.status()
        #expect(
            status[0] == [
                "stage": "clean", "state": "will-reuse", "run": .string(first),
                "reasons": [["kind": "param-changed", "name": "factor", "old": 3, "new": 2]],
            ])
        #expect(status[1]?["state"] == "will-reuse")
        #expect(
            try project.weir("status").stdout.hasPrefix(
                "clean: will reuse run \(first.prefix(12)) (v1) — param 'factor' changed 3 → 2\n"))
    }

    @Test(arguments: StateStoreKind.allCases) func dryRunShowsForcedStagesWithoutRunningThem(store: StateStoreKind)
        throws
    {
        let project = try SpecProject.make(store: store)
        try project.run()
        let result = try project.weir("run", "--dry-run", "--force", "clean", "--json")
        #expect(result.status == 0)
        #expect(
            try JSONValue.parse(result.stdout) == [
                ["stage": "clean", "state": "will-run", "reasons": [["kind": "forced"]]],
                [
                    "stage": "features", "state": "will-run",
                    "reasons": [["kind": "upstream-changed", "stage": "clean"]],
                ],
            ])
        let text = try project.weir("run", "--dry-run", "--force-all")
        #expect(text.stdout == "clean: will run — forced\nfeatures: will run — forced; upstream 'clean' changed\n")
        #expect(try project.status()[0]?["state"] == "up-to-date")
    }

    @Test(arguments: StateStoreKind.allCases) func aMissingInputIsAConfigurationError(store: StateStoreKind) throws {
        let project = try SpecProject.make(store: store)
        try project.remove("data/raw")
        let result = try project.weir("status")
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "error: weir.yaml:4:17: The dep 'raw' of stage 'clean' is 'data/raw', which does not exist. Create it, or fix the path in weir.yaml.\n"
        )
    }

    @Test(arguments: StateStoreKind.allCases) func configurationErrorsExitWithStatusTwo(store: StateStoreKind) throws {
        let project = try SpecProject.make(store: store)
        try project.edit("weir.yaml", replacing: "deps: {clean:", with: "dep: {clean:")
        for command in [["status"], ["run"], ["dag"]] {
            let result = try TestEnvironment.weir(command, in: project.root)
            #expect(result.status == 2)
            #expect(
                result.stderr == "error: weir.yaml:9:5: Unknown key 'dep' in stage 'features'. Did you mean 'deps'?\n")
        }
    }
}
