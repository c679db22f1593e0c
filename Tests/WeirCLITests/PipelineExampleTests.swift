import Foundation
import Testing
import Weir
import WeirTestSupport

/// The bundled example that `scripts/example` runs.
@Suite struct PipelineExampleTests {
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
