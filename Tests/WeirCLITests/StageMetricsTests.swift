import Foundation
import Testing
import WeirTestSupport

/// `metrics: [FILE…]` on a command stage: every number in those JSON files of its output is
/// recorded with the run; a missing or malformed file fails the stage naming it and the place.
@Suite struct StageMetricsTests {
    static let yaml = """
        stages:
          train:
            cmd: sh train.sh ${out}
            deps: {script: train.sh}
            metrics: [metrics.json, eval/scores.json]
            out: build/train
        """

    static func project(metrics: String, scores: String = #"{"f1": [0.5, 0.75]}"#) throws -> PipelineFixture {
        try PipelineFixture([
            "weir.yaml": yaml,
            "train.sh": """
                mkdir -p $1/eval
                cat > $1/metrics.json <<'JSON'
                \(metrics)
                JSON
                cat > $1/eval/scores.json <<'JSON'
                \(scores)
                JSON
                """,
        ])
    }

    /// The metrics of the stage's latest run, by name.
    static func metrics(_ project: PipelineFixture) throws -> [String: Double] {
        let runs = try #require(try project.json("metrics", "--stage", "train", "--json") as? [[String: Any]])
        let metrics = try #require(runs.first?["metrics"] as? [String: [String: Any]])
        return metrics.compactMapValues { $0["value"] as? Double }
    }

    @Test func everyNumberOfTheFilesIsRecordedByItsPathOfKeys() throws {
        let project = try Self.project(
            metrics: #"{"accuracy": 0.93, "epochs": 12, "loss": {"train": 0.1, "val": {"last": 0.25}}, "name": "x", "ok": true, "none": null}"#
        )
        let run = try project.weir("run")
        try #require(run.status == 0, "\(run.stdout)\(run.stderr)")
        let recorded = try Self.metrics(project)
        #expect(recorded["accuracy"] == 0.93)
        #expect(recorded["epochs"] == 12)
        #expect(recorded["loss.train"] == 0.1)
        #expect(recorded["loss.val.last"] == 0.25)
        #expect(recorded["f1.0"] == 0.5)
        #expect(recorded["f1.1"] == 0.75)
        #expect(recorded["name"] == nil && recorded["ok"] == nil && recorded["none"] == nil)
        #expect(recorded["wall_time"] != nil, "the built-in metrics are still there")
        // Declaring metrics changes no output: the stage is not part of what its fingerprint holds.
        try project.edit("weir.yaml", replacing: "metrics: [metrics.json, eval/scores.json]", with: "metrics: metrics.json")
        #expect(try project.weir("run").stdout.contains("train: up to date"))
    }

    @Test func aMissingFileFailsTheStageNamingIt() throws {
        let project = try Self.project(metrics: "{}")
        try project.edit("weir.yaml", replacing: "eval/scores.json]", with: "eval/score.json]")
        let run = try project.weir("run")
        #expect(run.status == 1)
        #expect(
            (run.stdout + run.stderr).contains(
                "Stage 'train' declares the metrics file 'eval/score.json', but its command did not write it into its "
                    + "output. Write it to ${out}/eval/score.json, or remove it from 'metrics:'."),
            "\(run.stdout)\(run.stderr)")
        #expect(!project.exists("build/train"))
    }

    @Test func aMalformedFileFailsTheStageNamingTheLineAndColumn() throws {
        let project = try Self.project(metrics: "{\n  \"accuracy\": 0.93,\n  \"loss\": oops\n}")
        let run = try project.weir("run")
        #expect(run.status == 1)
        let output = run.stdout + run.stderr
        #expect(output.contains("Stage 'train': the metrics file 'metrics.json' is not valid JSON"), "\(output)")
        #expect(output.contains("at line 3, column 11"), "\(output)")
    }

    @Test func aPathOutsideTheOutputIsAConfigurationError() throws {
        let project = try Self.project(metrics: "{}")
        try project.edit("weir.yaml", replacing: "metrics: [metrics.json,", with: "metrics: [../metrics.json,")
        let run = try project.weir("run")
        #expect(run.status == 2)
        #expect(
            (run.stdout + run.stderr).contains(
                "weir.yaml:5:15: The 'metrics' of stage 'train' is invalid. '../metrics.json' is not a path inside the "
                    + "stage's output."),
            "\(run.stdout)\(run.stderr)")
    }
}
