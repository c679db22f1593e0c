import Foundation
import Testing
import Weir
import WeirTestSupport

/// The bundled examples that `scripts/example` and `scripts/example-quickstart` run.
@Suite struct PipelineExampleTests {
    @Test func theLabStagesQueriesAndReportsThenRedoesOnlyWhatAChangedFileAffects() throws {
        let folder = try TemporaryDirectory("weir-example")
        let project = folder.path + "/lab"
        try FileManager.default.copyItem(
            atPath: TestEnvironment.packageRoot.appendingPathComponent("examples/lab").path, toPath: project)
        let sample = try TestEnvironment.weir(
            ["sample-data", "raw", "--files", "300", "--rows", "200", "--bad", "0.03"], in: project)
        #expect(sample.status == 0, "\(sample.stderr)")
        let fixture = PipelineFixtureView(root: project)
        let first = try fixture.run()
        #expect(PipelineFixture.outcomes(first) == ["stage": "ran", "history": "ran", "report": "ran"])
        let history = try String(contentsOfFile: project + "/build/history/history.csv", encoding: .utf8)
            .split(separator: "\n")
        #expect(history.first == "seq,start_time,proc,laser_wavelength_nm,vds_v,rows,source_path")
        #expect(history.count > 2)
        #expect(history.dropFirst().enumerated().allSatisfy { $0.element.hasPrefix("\($0.offset + 1),") })
        #expect(history.dropFirst().allSatisfy { $0.contains("/Bare5_") })
        let report = try String(contentsOfFile: project + "/build/report/report.txt", encoding: .utf8)
        #expect(report.hasPrefix("\(history.count - 1) runs"))

        let again = try fixture.run()
        #expect(
            PipelineFixture.outcomes(again) == ["stage": "up-to-date", "history": "up-to-date", "report": "up-to-date"])

        // A file of another chip changes: it is staged again, the history query re-runs on the new
        // manifest, and the report is not redone because the history came out identical.
        let raw = project + "/raw"
        let other = try FileManager.default.subpathsOfDirectory(atPath: raw).sorted().first {
            $0.contains("Alisson") && $0.contains("_IV_")
        }!
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: raw + "/" + other))
        handle.seekToEndOfFile()
        handle.write(Data("0.5,1e-07\n".utf8))
        try handle.close()
        let third = try fixture.run()
        #expect(PipelineFixture.outcomes(third) == ["stage": "ran", "history": "ran", "report": "up-to-date"])

        // Another chip for one run through the profile: the dataset is reused, the report's counts compared.
        let encap = try TestEnvironment.weir(["run", "--json", "--params", "profiles/encap.yaml"], in: project)
        try #require(encap.status == 0, "\(encap.stderr)")
        #expect(
            PipelineFixture.outcomes(try JSONValue.parse(encap.stdout))
                == ["stage": "up-to-date", "history": "ran", "report": "ran"])
        let compare = try TestEnvironment.weir(["compare", "--json", "--limit", "2"], in: project)
        let rows = try #require(try JSONValue.parse(compare.stdout).arrayValue)
        #expect(rows.map { $0["params"]?["history.group"] } == ["Encap", "Bare"])
        let runs = rows.compactMap { $0["metrics"]?["report:runs"]?.numberValue }
        #expect(runs.count == 2 && runs[0] != runs[1], "\(compare.stdout)")
        #expect(runs[1] == Double(history.count - 1))
    }

    @Test func theQuickstartRunsAndRerunsOnlyWhatAParamAffects() throws {
        let folder = try TemporaryDirectory("weir-example")
        let project = folder.path + "/quickstart"
        try FileManager.default.copyItem(
            atPath: TestEnvironment.packageRoot.appendingPathComponent("examples/quickstart").path, toPath: project)
        let fixture = PipelineFixtureView(root: project)
        let first = try fixture.run()
        #expect(PipelineFixture.outcomes(first) == ["generate": "ran", "clean": "ran", "summarize": "ran"])
        let summary = try JSONValue.parse(
            try String(contentsOfFile: project + "/build/summary/summary.json", encoding: .utf8))
        #expect(summary["s1"]?["units"] == "celsius")
        #expect(summary.objectValue?.count == 4)

        let config = try String(contentsOfFile: project + "/weir.yaml", encoding: .utf8)
        try config.replacingOccurrences(of: "min: -10", with: "min: 15")
            .write(toFile: project + "/weir.yaml", atomically: true, encoding: .utf8)
        let second = try fixture.run()
        #expect(PipelineFixture.outcomes(second) == ["generate": "up-to-date", "clean": "ran", "summarize": "ran"])
        #expect(second["version"] == 2)
    }

    @Test func theQuickstartProfileRunsAndIsComparedWithTheFileValues() throws {
        let folder = try TemporaryDirectory("weir-example")
        let project = folder.path + "/quickstart"
        try FileManager.default.copyItem(
            atPath: TestEnvironment.packageRoot.appendingPathComponent("examples/quickstart").path, toPath: project)
        let fixture = PipelineFixtureView(root: project)
        _ = try fixture.run()
        let dev = try TestEnvironment.weir(["run", "--params", "profiles/dev.yaml"], in: project)
        try #require(dev.status == 0, "\(dev.stderr)")
        #expect(dev.stdout.contains("generate: running — param 'rows' changed 250 → 60 (--params profiles/dev.yaml)"))
        #expect(dev.stdout.contains("Recorded v2 (parent v1) with clean.min=0 (--params profiles/dev.yaml)"))

        let compare = try TestEnvironment.weir(["compare", "--json"], in: project)
        try #require(compare.status == 0, "\(compare.stderr)")
        let rows = try #require(try JSONValue.parse(compare.stdout).arrayValue)
        #expect(rows.count == 2)
        #expect(rows[0]["params"]?["generate.rows"] == 60 && rows[1]["params"]?["generate.rows"] == 250)
        #expect(rows[0]["params"]?["clean.min"] == 0 && rows[1]["params"]?["clean.min"] == -10)
        #expect(rows[0]["params"]?["units"] == nil, "the profile's units is weir.yaml's: no column")
        #expect(rows[0]["metrics"]?["summarize:sensors"]?.numberValue == 4)
        #expect(rows[0]["metrics"]?["summarize:readings"] != rows[1]["metrics"]?["summarize:readings"])

        let back = try fixture.run()
        #expect(PipelineFixture.outcomes(back) == ["generate": "reused", "clean": "reused", "summarize": "reused"])
    }
}

/// `weir run --json` in a folder that is not a fixture.
struct PipelineFixtureView {
    let root: String

    func run() throws -> JSONValue {
        let result = try TestEnvironment.weir(["run", "--json"], in: root)
        guard result.status == 0 else { throw FixtureError(message: "run failed: \(result.stderr)") }
        return try JSONValue.parse(result.stdout)
    }
}
