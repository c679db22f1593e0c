import Foundation
import Testing
import Weir
import WeirTestSupport

/// How a stage command runs: placeholders, params handed over, output shown and kept, failures.
@Suite struct PipelineExecutionTests {
    @Test(arguments: StateStoreKind.allCases) func paramsReachTheCommandQuotedAsJSONAndAsEnvironmentVariables(
        store: StateStoreKind
    ) throws {
        let yaml = """
            params: {shared: yes-shared}
            stages:
              show:
                cmd: >-
                  printf '%s|%s|%s\\n' ${params.title} ${params.model.depth} ${params.tags} > ${out}/args.txt &&
                  cp "$WEIR_PARAMS" ${out}/params.json &&
                  env | grep -e '^WEIR_PARAM_' -e '^WEIR_STAGE=' | sort > ${out}/env.txt &&
                  test "$WEIR_OUT" = "$PWD/"${out} && test "$WEIR_PROJECT" = "$PWD"
                params:
                  title: "it's a $(dangerous) `title`"
                  model: {depth: 3, rate: 0.5}
                  tags: [a, b]
                  flag-on: true
                out: build/show
            """
        let project = try PipelineFixture(["weir.yaml": yaml], store: store)
        try project.run()
        #expect(try project.read("build/show/args.txt") == "it's a $(dangerous) `title`|3|[\"a\",\"b\"]\n")
        let params = try JSONValue.parse(try project.read("build/show/params.json"))
        #expect(
            params == [
                "title": "it's a $(dangerous) `title`", "model": ["depth": 3, "rate": 0.5], "tags": ["a", "b"],
                "flag-on": true, "shared": "yes-shared",
            ])
        #expect(
            try project.read("build/show/env.txt")
                == """
                WEIR_PARAM_FLAG_ON=true
                WEIR_PARAM_MODEL={"depth":3,"rate":0.5}
                WEIR_PARAM_SHARED=yes-shared
                WEIR_PARAM_TAGS=["a","b"]
                WEIR_PARAM_TITLE=it's a $(dangerous) `title`
                WEIR_STAGE=show

                """)
    }

    @Test(arguments: StateStoreKind.allCases) func stageOutputIsShownLivePrefixedAndKeptWithTheRun(
        store: StateStoreKind
    ) throws {
        let project = try SpecProject.make(store: store)
        let result = try project.weir("run")
        #expect(result.status == 0)
        #expect(result.stdout.contains("clean: running — new stage\n[clean] cleaning with factor 2\n"))
        #expect(result.stdout.hasSuffix("Recorded v1.\n"))
        #expect(result.stderr.contains("[clean] clean warning\n"))
        let run = try #require(project.linkedRun("build/clean"))
        #expect(try project.read(".weir/runs/\(run)/_logs/stdout.log") == "cleaning with factor 2\n")
        #expect(try project.read(".weir/runs/\(run)/_logs/stderr.log") == "clean warning\n")
        let record = try JSONValue.parse(try project.read(".weir/runs/\(run)/_SUCCESS"))
        #expect(record["run_id"] == .string(run))
        #expect(record["stage"] == "clean")
        #expect(
            record["files"] == [["path": "clean.csv", "size": 15, "sha256": .string(sha256("1,20\n2,40\n3,60\n"))]])
        #expect(record["fingerprint"]?["params"] == ["factor": 2])
    }

    @Test(arguments: StateStoreKind.allCases) func jsonModeKeepsStageOutputOffStandardOutput(store: StateStoreKind)
        throws
    {
        let project = try SpecProject.make(store: store)
        let result = try TestEnvironment.weir(["run", "--json"], in: project.root)
        #expect(result.status == 0)
        let report = try JSONValue.parse(result.stdout)
        #expect(report["succeeded"] == true)
        #expect(result.stderr.contains("[clean] cleaning with factor 2"))
    }

    @Test(arguments: StateStoreKind.allCases) func aFailingStageStopsItsDownstreamButNotIndependentStages(
        store: StateStoreKind
    ) throws {
        let yaml = """
            stages:
              broken: {cmd: 'echo about to fail; echo bad input >&2; exit 3', out: o/broken}
              after: {cmd: 'true', deps: {b: stage:broken}, out: o/after}
              other: {cmd: 'echo fine > ${out}/x', out: o/other}
            """
        let project = try PipelineFixture(["weir.yaml": yaml], store: store)
        let result = try project.weir("run")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "broken: failed — Stage 'broken' failed: its command exited with status 3. Its output is shown above and kept in '.weir/failed/broken/'; fix the command and run again.\n"
            ))
        #expect(result.stderr.contains("after: skipped because 'broken' did not succeed\n"))
        #expect(
            result.stderr.hasSuffix(
                "error: Stages 'broken', 'after' did not succeed, so no version was recorded. Fix the failure shown above and run 'weir run' again.\n"
            ))
        #expect(try project.read("o/other/x") == "fine\n")
        #expect(try project.read(".weir/failed/broken/stderr.log") == "bad input\n")
        #expect(!project.exists("o/broken"))
        #expect(try project.weir("versions", "--json").stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root + "/.weir/runs")
        #expect(leftovers.filter { $0.hasPrefix(".tmp") }.isEmpty)
        #expect(try project.status()[2]?["state"] == "up-to-date")
    }

    @Test(arguments: StateStoreKind.allCases) func aCommandKilledBySignalFails(store: StateStoreKind) throws {
        let project = try PipelineFixture(["weir.yaml": "stages: {a: {cmd: 'kill -9 $$', out: o/a}}\n"], store: store)
        let result = try project.weir("run")
        #expect(result.status == 1)
        #expect(result.stderr.contains("its command was killed by signal 9"))
    }

    @Test(arguments: StateStoreKind.allCases) func runsAndMetricsAreRecorded(store: StateStoreKind) throws {
        let project = try SpecProject.make(store: store)
        try project.run()
        let metrics = try JSONValue.parse(try project.weir("metrics", "--json").stdout)
        guard case .array(let rows) = metrics else { throw FixtureError(message: "metrics is not an array") }
        let names = Set(rows.flatMap { $0["metrics"]?.objectValue?.keys.map { $0 } ?? [] })
        #expect(names.isSuperset(of: ["wall_time", "cpu_time", "peak_memory", "output_bytes", "output_files"]))
        let events = try project.weir("events")
        #expect(events.stdout.contains("stage-succeeded"))
        #expect(events.stdout.contains("version-created"))
    }

    @Test(arguments: StateStoreKind.allCases) func anOutputPathHeldByARealFolderIsNotTouched(store: StateStoreKind)
        throws
    {
        let project = try PipelineFixture(
            [
                "weir.yaml": "stages: {a: {cmd: 'echo x > ${out}/x', out: build/a}}\n", "build/a/mine.txt": "mine",
            ], store: store)
        let result = try project.weir("run")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "The output path 'build/a' of stage 'a' is a folder, not a link Weir manages. Move it away; Weir links that path to the stage's current run."
            ))
        #expect(try project.read("build/a/mine.txt") == "mine")
    }

    func sha256(_ text: String) -> String {
        Digest.sha256Hex(Array(text.utf8))
    }
}
