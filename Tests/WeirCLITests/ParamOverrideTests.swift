import Foundation
import Testing
import WeirTestSupport

/// `weir run|status --set [STAGE.]NAME=VALUE` and `--params FILE`: values for one run, seen by the
/// fingerprints and the commands, recorded with the version, explained by `weir status`.
@Suite struct ParamOverrideTests {
    @Test(arguments: StateStoreKind.allCases) func overridesReachTheCommandAndAreRecordedWithTheVersion(
        store: StateStoreKind
    ) throws {
        let project = try ExperimentProject.make(store: store)
        try #require(try project.weir("run").status == 0)
        let run = try project.weir("run", "--set", "clean.factor=3", "--set", "units=kelvin")
        try #require(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(try project.read("build/clean/value.txt") == "3 kelvin\n")
        let params = try ExperimentProject.cleanParams(project)
        #expect(params["factor"] as? Int == 3 && params["units"] as? String == "kelvin")
        #expect(
            run.stdout.contains(
                "clean: running — param 'factor' changed 2 → 3 (--set); param 'units' changed celsius → kelvin (--set)"),
            "\(run.stdout)")
        #expect(
            run.stdout.contains("Recorded v2 (parent v1) with clean.factor=3 (--set), units=kelvin (--set)."),
            "\(run.stdout)")

        let show = try project.weir("show", "v2")
        #expect(
            show.stdout.contains("Overrides:\n  clean.factor = 3  (--set)\n  units = kelvin  (--set)"), "\(show.stdout)"
        )
        let record = try #require(try project.json("show", "v2", "--json") as? [String: Any])
        let overrides = try #require(record["overrides"] as? [[String: Any]])
        #expect(overrides.count == 2)
        #expect(overrides[0]["stage"] as? String == "clean" && overrides[0]["name"] as? String == "factor")
        #expect(overrides[0]["value"] as? Int == 3 && overrides[0]["source"] as? String == "--set")
        #expect(overrides[1]["stage"] is NSNull && overrides[1]["value"] as? String == "kelvin")
        let v1 = try #require(try project.json("show", "v1", "--json") as? [String: Any])
        #expect((v1["overrides"] as? [Any])?.isEmpty == true)
    }

    @Test(arguments: StateStoreKind.allCases) func goingBackToTheFileValuesReusesTheEarlierRuns(store: StateStoreKind)
        throws
    {
        let project = try ExperimentProject.make(store: store)
        try #require(try project.weir("run").status == 0)
        let first = try #require(project.linkedRun("build/clean"))
        try #require(try project.weir("run", "--set", "clean.factor=3").status == 0)
        #expect(project.linkedRun("build/clean") != first)

        let status = try project.weir("status")
        #expect(
            status.stdout.contains("clean: will reuse run \(first.prefix(12)) (v1) — param 'factor' changed 3 → 2"),
            "\(status.stdout)")
        let back = try project.weir("run")
        try #require(back.status == 0, "\(back.stdout)\(back.stderr)")
        #expect(back.stdout.contains("clean: reused run \(first.prefix(12))"), "\(back.stdout)")
        #expect(back.stdout.contains("train: reused run"), "\(back.stdout)")
        #expect(!back.stdout.contains("done in"), "nothing is computed again: \(back.stdout)")
        #expect(back.stdout.contains("Recorded v3 (parent v2)."), "\(back.stdout)")
        #expect(project.linkedRun("build/clean") == first)
        #expect(try project.read("build/clean/value.txt") == "2 celsius\n")

        // The overridden values again: their runs are reused too, and the head does not move.
        let again = try project.weir("run", "--set", "clean.factor=3")
        #expect(!again.stdout.contains("done in"), "\(again.stdout)")
        #expect(again.stdout.contains("Recorded v4 (parent v3) with clean.factor=3 (--set)."), "\(again.stdout)")
        let same = try project.weir("run", "--set", "clean.factor=3")
        #expect(same.stdout.contains("Nothing changed; the head stays at v4."), "\(same.stdout)")
    }

    @Test func aDerivedVersionRecordsItsOverridesWithTheGivenParent() throws {
        let project = try ExperimentProject.make()
        try #require(try project.weir("run").status == 0)
        try #require(try project.weir("run", "--set", "clean.factor=3").status == 0)
        let derived = try #require(
            try project.json("run", "--json", "--from-version", "v1", "--set", "clean.mode=slow") as? [String: Any])
        #expect(derived["version"] as? Int == 3)
        let overrides = try #require(derived["overrides"] as? [[String: Any]])
        #expect(overrides.count == 1 && overrides[0]["name"] as? String == "mode")
        #expect(overrides[0]["value"] as? String == "slow" && overrides[0]["source"] as? String == "--set")
        let record = try #require(try project.json("show", "v3", "--json") as? [String: Any])
        #expect(record["parent"] as? Int == 1)
        #expect(try project.read("build/clean/value.txt") == "2 celsius\n", "v1's factor, not v2's")
        let session = try project.weir("log")
        #expect(session.stdout.contains("--set clean.mode=slow"), "\(session.stdout)")
    }

    @Test func valuesAreTypedAsYAMLAndStatusNamesTheirSource() throws {
        let project = try ExperimentProject.make()
        try #require(try project.weir("run").status == 0)
        let status = try project.weir("status", "--set", "clean.factor=3.0", "--set", "clean.mode=[1, 2]")
        #expect(status.stdout.contains("param 'factor' changed 2 → 3.0 (--set)"), "\(status.stdout)")
        #expect(status.stdout.contains("param 'mode' changed fast → [1,2] (--set)"), "\(status.stdout)")
        let plans = try #require(
            try project.json("status", "--json", "--set", "clean.factor=3.0", "--set", "clean.mode=true")
                as? [[String: Any]])
        let reasons = try #require(plans.first { $0["stage"] as? String == "clean" }?["reasons"] as? [[String: Any]])
        let factor = try #require(reasons.first { $0["name"] as? String == "factor" })
        #expect(factor["kind"] as? String == "param-changed" && factor["source"] as? String == "--set")
        #expect(factor["new"] as? Double == 3.0 && factor["old"] as? Int == 2)
        #expect(reasons.first { $0["name"] as? String == "mode" }?["new"] as? Bool == true)

        let dryRun = try project.weir("run", "--dry-run", "--set", "clean.factor=5")
        #expect(dryRun.stdout.contains("clean: will run — param 'factor' changed 2 → 5 (--set)"), "\(dryRun.stdout)")
        #expect(dryRun.stdout.contains("train: will run — upstream 'clean' changed"), "\(dryRun.stdout)")
        #expect(try project.read("build/clean/value.txt") == "2 celsius\n", "a dry run changes nothing")

        try #require(try project.weir("run", "--set", "clean.factor=3.0").status == 0)
        #expect(try ExperimentProject.cleanParams(project)["factor"] as? Double == 3.0)
        #expect(try project.read("build/clean/value.txt") == "3.0 celsius\n")
    }

    @Test(arguments: StateStoreKind.allCases) func aProfileSetsSharedAndStageParamsAndSetWinsOverIt(
        store: StateStoreKind
    ) throws {
        let project = try ExperimentProject.make(store: store)
        try project.write("profiles/dev.yaml", "units: kelvin\nclean:\n  factor: 5\n  mode: slow\n")
        try #require(try project.weir("run").status == 0)
        let status = try project.weir("status", "--params", "profiles/dev.yaml")
        #expect(
            status.stdout.contains(
                "clean: will run — param 'factor' changed 2 → 5 (--params profiles/dev.yaml); param 'mode' changed fast → slow (--params profiles/dev.yaml); param 'units' changed celsius → kelvin (--params profiles/dev.yaml)"
            ), "\(status.stdout)")
        #expect(
            status.stdout.contains(
                "train: will run — param 'units' changed celsius → kelvin (--params profiles/dev.yaml)"),
            "\(status.stdout)")

        let run = try project.weir("run", "--params", "profiles/dev.yaml", "--set", "clean.factor=7")
        try #require(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(try project.read("build/clean/value.txt") == "7 kelvin\n")
        let show = try project.weir("show", "head")
        #expect(show.stdout.contains("  clean.factor = 7  (--set)"), "\(show.stdout)")
        #expect(show.stdout.contains("  clean.mode = slow  (--params profiles/dev.yaml)"), "\(show.stdout)")
        #expect(show.stdout.contains("  units = kelvin  (--params profiles/dev.yaml)"), "\(show.stdout)")

        // A stage's --set wins over a shared one, whatever the order they are given in.
        try #require(try project.weir("run", "--set", "clean.units=rankine", "--set", "units=kelvin").status == 0)
        #expect(try project.read("build/clean/value.txt") == "2 rankine\n")

        // From a sub-folder, the profile is found relative to the project folder too.
        try project.write("sub/.keep", "")
        let nested = try TestEnvironment.weir(
            ["status", "--params", "profiles/dev.yaml"], in: project.root + "/sub", environment: project.environment)
        #expect(nested.status == 0, "\(nested.stderr)")
    }

    @Test func unknownStagesAndParamsAreRefusedWithSuggestions() throws {
        let project = try ExperimentProject.make()
        let cases: [([String], String)] = [
            (
                ["--set", "clen.factor=3"],
                "error: Unknown stage 'clen' in '--set clen.factor=3'. Did you mean 'clean'?"
            ),
            (
                ["--set", "clean.factr=3"],
                "error: Stage 'clean' has no param 'factr' ('--set clean.factr=3'). Did you mean 'factor'? Overrides change params declared in weir.yaml; declare a new param there first."
            ),
            (
                ["--set", "train.factor=3"],
                "error: Stage 'train' has no param 'factor' ('--set train.factor=3'). Its params are 'lr' or 'units'."
            ),
            (
                ["--set", "unit=kelvin"],
                "error: No stage has a param 'unit' ('--set unit=kelvin'). Did you mean 'units'?"
            ),
            (
                ["--set", "factor"],
                "error: The value 'factor' is invalid for '--set'. Write it as NAME=VALUE or STAGE.NAME=VALUE"
            ),
            (["--set", "clean.factor=[1"], "error: The value '[1' in '--set clean.factor=[1' is not valid YAML"),
            (
                ["--set", "clean.factor="],
                "error: The override '--set clean.factor=' has no value. Write 'clean.factor=null'"
            ),
            (
                ["--set", "clean.opts.alpha=1"],
                "error: The name 'clean.opts.alpha' in '--set clean.opts.alpha=1' is not NAME or STAGE.NAME."
            ),
            (
                ["--params", "profiles/none.yaml"],
                "error: The params file 'profiles/none.yaml' given with '--params' does not exist"
            ),
        ]
        for (arguments, message) in cases {
            for command in [["run"], ["status"], ["run", "--dry-run"]] {
                let result = try project.weir(command + arguments)
                #expect(result.status == 2, "\(command + arguments)")
                #expect(result.stderr.contains(message), "\(command + arguments): \(result.stderr)")
            }
        }
        #expect(!project.exists(".weir/runs"), "nothing ran")
        #expect(!project.exists("build/clean"))
    }

    @Test func aProfileWithProblemsIsRefusedNamingTheLine() throws {
        let project = try ExperimentProject.make()
        let cases: [(String, String)] = [
            (
                "units: kelvin\nclen: {factor: 3}\n",
                "error: profiles/bad.yaml:2:1: 'clen' in the params file 'profiles/bad.yaml' is neither a stage nor a param of any stage. Did you mean 'clean'?"
            ),
            (
                "clean:\n  factr: 3\n",
                "error: profiles/bad.yaml:2:3: Stage 'clean' has no param 'factr' (the params file 'profiles/bad.yaml'). Did you mean 'factor'?"
            ),
            (
                "clean: 3\n",
                "error: profiles/bad.yaml:1:8: The params of stage 'clean' in the params file must be a mapping, not the number '3'."
            ),
            ("- a\n- b\n", "error: profiles/bad.yaml:1:1: The params file must be a mapping, not a list."),
            ("", "error: The params file 'profiles/bad.yaml' is empty."),
            ("# nothing yet\n", "error: The params file 'profiles/bad.yaml' is empty."),
            (
                "clean: {factor: .nan}\n",
                "error: profiles/bad.yaml:1:17: The param 'factor' cannot be part of a fingerprint"
            ),
        ]
        for (text, message) in cases {
            try project.write("profiles/bad.yaml", text)
            let result = try project.weir("status", "--params", "profiles/bad.yaml")
            #expect(result.status == 2, "\(text)")
            #expect(result.stderr.contains(message), "\(text): \(result.stderr)")
        }
    }

    @Test func anOverrideThatLosesAKeyTheCommandNamesIsRefused() throws {
        let project = try PipelineFixture([
            "weir.yaml": """
            stages:
              fit:
                cmd: echo ${params.opts.alpha} > ${out}/alpha.txt
                params: {opts: {alpha: 1, beta: 2}}
                out: build/fit
            """
        ])
        let refused = try project.weir("run", "--set", "fit.opts={beta: 3}")
        #expect(refused.status == 2)
        #expect(
            refused.stderr.contains(
                "error: The override 'fit.opts={\"beta\":3}' (--set) leaves the command of stage 'fit' without the value of '${params.opts.alpha}'. Give 'opts' a mapping with the key 'alpha'."
            ), "\(refused.stderr)")
        let run = try project.weir("run", "--set", "fit.opts={alpha: 5, beta: 3}")
        try #require(run.status == 0, "\(run.stderr)")
        #expect(try project.read("build/fit/alpha.txt") == "5\n")
    }
}
