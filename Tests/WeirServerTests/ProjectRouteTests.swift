import Foundation
import Testing
import Weir
import WeirTestSupport

@testable import WeirServer

/// A real project run by the `weir` binary: an ingest stage with a rejected file whose name is
/// markup, and a command stage downstream with a param.
struct LabProject {
    let fixture: ServerFixture

    static let hostileName = "<script>alert(1)</script>.csv"

    init() throws {
        fixture = try ServerFixture([
            "weir.yaml": """
            stages:
              stage:
                kind: ingest
                source: raw
                pattern: "{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv"
                header_metadata: true
                timezone: UTC
                partition_by: [proc]
                out: data/stage
              counts:
                cmd: echo ${params.factor} > ${out}/n.txt
                deps: {stage: stage:stage}
                params: {factor: 2}
                out: build/counts
            """
        ])
        let project = fixture.project
        let sample = try project.weir("sample-data", "raw", "--files", "6", "--rows", "5", "--bad", "0")
        guard sample.status == 0 else { throw FixtureError(message: "sample-data: \(sample.stderr)") }
        let day = try FileManager.default.contentsOfDirectory(atPath: project.root + "/raw").sorted().first ?? "x"
        try project.write("raw/\(day)/\(Self.hostileName)", "a,b\n1,2\n")
        let run = try project.weir("run")
        guard run.status == 0 else { throw FixtureError(message: "weir run: \(run.stdout) \(run.stderr)") }
        try project.edit("weir.yaml", replacing: "factor: 2", with: "factor: 3")
    }

    func runAgain() throws {
        let run = try fixture.project.weir("run")
        guard run.status == 0 else { throw FixtureError(message: "weir run: \(run.stdout) \(run.stderr)") }
    }
}

@Suite("Pages of a real project", .serialized)
struct ProjectRouteTests {
    @Test func statusAPIEqualsWeirStatusJSON() async throws {
        let lab = try LabProject()
        let cli = try lab.fixture.project.weir("status", "--json")
        #expect(cli.status == 0)
        let api = try await lab.fixture.get("/api/status")
        #expect(api.status == 200)
        #expect(api.body == cli.stdout)
        #expect(api.body.contains("\"param-changed\""))
    }

    @Test func thePipelineShowsEachStageStateAndWhy() async throws {
        let lab = try LabProject()
        let page = try await lab.fixture.get("/")
        #expect(page.status == 200)
        #expect(page.body.contains("<svg class=\"dag\""))
        #expect(page.body.contains("will run — param &#39;factor&#39; changed 2 → 3"))
        #expect(page.body.contains("class=\"n-will-run\""))
        #expect(page.body.contains("class=\"n-up-to-date\""))
        #expect(page.body.contains("<path class=\"edge\""))
        let api = try await lab.fixture.get("/api/pipeline")
        let stages = try #require(try api.object()["stages"] as? [[String: Any]])
        #expect(stages.map { $0["stage"] as? String } == ["stage", "counts"])
        #expect(stages[1]["reason_texts"] as? [String] == ["param 'factor' changed 2 → 3"])
        #expect(stages[1]["upstream"] as? [String] == ["stage"])
        let live = try await lab.fixture.get("/live/events")
        #expect(live.body.hasPrefix("retry: 3000\n\nevent: end\n"))
    }

    @Test func theDatasetShowsPartitionsManifestRejectsAndSchema() async throws {
        let lab = try LabProject()
        let page = try await lab.fixture.get("/datasets/stage")
        #expect(page.status == 200)
        #expect(!page.body.contains("<script>alert(1)</script>"))
        #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;.csv"))
        #expect(page.body.contains("The name does not match the pattern"))
        #expect(page.body.contains("proc="))
        #expect(page.body.contains("<h2>Schema</h2>"))
        let search = try await lab.fixture.get("/datasets/stage?q=%3Cscript&status=rejected")
        #expect(search.body.contains("1 matching files"))
        let api = try await lab.fixture.get("/api/datasets/stage?status=rejected")
        let object = try api.object()
        let manifest = try #require(object["manifest"] as? [String: Any])
        let rows = try #require(manifest["rows"] as? [[String: Any]])
        #expect(rows.contains { ($0["source_path"] as? String)?.hasSuffix(LabProject.hostileName) == true })
        #expect((try #require(object["partitions"] as? [Any])).isEmpty == false)
        let list = try await lab.fixture.get("/datasets")
        #expect(list.body.contains("href=\"/datasets/stage\""))
        let missing = try await lab.fixture.get("/datasets/counts")
        #expect(missing.status == 404)
    }

    @Test func versionsShowLineageStagesAndDiffs() async throws {
        let lab = try LabProject()
        try lab.runAgain()
        let list = try await lab.fixture.get("/versions")
        #expect(list.status == 200)
        #expect(list.body.contains("href=\"/versions/2\""))
        #expect(list.body.contains(">head</span>"))
        let detail = try await lab.fixture.get("/versions/v2")
        #expect(detail.status == 200)
        #expect(detail.body.contains("<td>counts</td>"))
        let diff = try await lab.fixture.get("/versions/diff?from=v1&to=v2")
        #expect(diff.status == 200)
        #expect(diff.body.contains("params.factor"))
        #expect(diff.body.contains("2 → 3"))
        let api = try await lab.fixture.get("/api/versions/diff?from=1&to=2")
        let changed = try #require(try api.object()["changed"] as? [[String: Any]])
        #expect(changed.map { $0["stage"] as? String } == ["counts"])
        let missing = try await lab.fixture.get("/versions/v99")
        #expect(missing.status == 404)
        let bad = try await lab.fixture.get("/versions/diff?from=v1")
        #expect(bad.status == 400)
    }

    @Test func aRunShowsItsLogsAndOutputs() async throws {
        let lab = try LabProject()
        let runs = try await lab.fixture.get("/api/runs?stage=counts")
        let run = try #require((try runs.object()["runs"] as? [[String: Any]])?.first?["id"] as? String)
        let page = try await lab.fixture.get("/runs/" + run)
        #expect(page.status == 200)
        #expect(page.body.contains("<h2>Outputs</h2>"))
        #expect(page.body.contains("n.txt"))
        #expect(page.body.contains("<h2>Logs</h2>"))
        let ingest = try await lab.fixture.get("/api/runs?stage=stage")
        let ingestRun = try #require((try ingest.object()["runs"] as? [[String: Any]])?.first?["id"] as? String)
        let ingestPage = try await lab.fixture.get("/api/runs/" + ingestRun)
        #expect((try ingestPage.object()["metrics"] as? [Any])?.isEmpty == false)
    }

    @Test func metricsAreChartedPerStage() async throws {
        let lab = try LabProject()
        let page = try await lab.fixture.get("/metrics")
        #expect(page.status == 200)
        #expect(page.body.components(separatedBy: "<svg class=\"chart\"").count - 1 == 6)
        #expect(page.body.contains("Wall time"))
        #expect(page.body.contains("Peak memory"))
        let api = try await lab.fixture.get("/api/metrics?stage=stage")
        let stages = try #require(try api.object()["stages"] as? [String: Any])
        let measures = try #require(stages["stage"] as? [String: Any])
        #expect((measures["rows"] as? [[String: Any]])?.first?["value"] as? Double == 30)
        #expect((measures["wall_time"] as? [Any])?.count == 1)
    }
}

@Suite("Quality reports on run pages")
struct QualityRouteTests {
    @Test func aQualityRunShowsItsReport() async throws {
        let fixture = try ServerFixture([
            "weir.yaml": """
            stages:
              stage:
                kind: ingest
                source: raw
                pattern: "{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv"
                header_metadata: true
                timezone: UTC
                partition_by: [proc]
                out: data/stage
              checked:
                kind: quality
                input: stage:stage
                rules:
                  - {check: row_count, min: 1}
                  - {check: range, column: i_a, min: 0, max: 0, severity: warn}
                out: data/checked
            """
        ])
        let project = fixture.project
        #expect(try project.weir("sample-data", "raw", "--files", "4", "--rows", "5", "--bad", "0").status == 0)
        let run = try project.weir("run")
        #expect(run.status == 0, "\(run.stderr)")
        let runs = try await fixture.get("/api/runs?stage=checked")
        let id = try #require((try runs.object()["runs"] as? [[String: Any]])?.first?["id"] as? String)
        let page = try await fixture.get("/runs/" + id)
        #expect(page.status == 200)
        #expect(page.body.contains("Quality report: <span class=\"badge q-warn\">warn</span>"), "\(page.body)")
        #expect(
            page.body.contains(
                "<td>row_count</td><td></td><td>fail</td><td><span class=\"badge q-pass\">pass</span></td>"))
    }
}
