import Foundation
import Testing
import Weir
import WeirTestSupport

/// The climate example that `scripts/example-climate` runs: sample data written by `weir
/// sample-data climate`, then ingest → resample → nearest merge → as-of merge → quality → exports
/// → a Python analysis, end to end through the binary.
@Suite struct ClimateExampleTests {
    static let stages = [
        "readings", "registry", "grid", "model", "hourly", "located", "placed", "matched", "checked", "export_csv",
        "export_parquet", "bias",
    ]

    @Test func theClimatePipelineRunsThenRedoesOnlyWhatAChangedStationFileAffects() throws {
        let folder = try TemporaryDirectory("weir-example")
        let project = folder.path + "/climate"
        try FileManager.default.copyItem(
            atPath: TestEnvironment.packageRoot.appendingPathComponent("examples/climate").path, toPath: project)
        let sample = try TestEnvironment.weir(["sample-data", "climate", "raw"], in: project)
        #expect(sample.status == 0, "\(sample.stderr)")
        #expect(sample.stdout.contains("Wrote 60 station files"), "\(sample.stdout)")
        let fixture = PipelineFixtureView(root: project)
        let first = try fixture.run()
        #expect(PipelineFixture.outcomes(first) == Dictionary(uniqueKeysWithValues: Self.stages.map { ($0, "ran") }))

        // 20 stations × 73 UTC hours; the two far from any grid point (S010, S020) have no model value.
        let counted = try TestEnvironment.python(
            #"""
            import duckdb, sys
            con = duckdb.connect().execute('SET enable_progress_bar = false')
            print(con.execute(f"select count(*), count(t2m_c), count(distinct station) from '{sys.argv[1]}/*.parquet'").fetchall()[0])
            print(con.execute(f"select list(distinct station order by station) from '{sys.argv[1]}/*.parquet' where cell is null").fetchall()[0][0])
            print(con.execute(f"select max(epoch(time) - epoch(time_right)) from '{sys.argv[1]}/*.parquet'").fetchall()[0][0])
            """#, [project + "/data/matched"])
        let lines = counted.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "(1460, 1314, 20)", "\(counted.stdout)\(counted.stderr)")
        #expect(lines.dropFirst().first == "['S010', 'S020']", "\(counted.stdout)")
        #expect(lines.last == "0.0", "hourly buckets meet the model's hour exactly: \(counted.stdout)")

        let bias = try String(contentsOfFile: project + "/build/bias/bias.csv", encoding: .utf8)
            .split(separator: "\n")
        #expect(bias.first == "station,hours,matched_hours,bias_c")
        #expect(bias.count == 21)
        #expect(bias.contains { $0.hasPrefix("S010,73,0,") })

        let again = try fixture.run()
        #expect(
            PipelineFixture.outcomes(again) == Dictionary(uniqueKeysWithValues: Self.stages.map { ($0, "up-to-date") }))

        // One station file changes: only it is staged again; the registry, grid, model and the
        // nearest merge do not run; what depends on the readings does.
        let file = project + "/raw/stations/S003/2025-04-06.csv"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        handle.seekToEndOfFile()
        handle.write(Data("2025-04-06 23:59:30,30.00,0.00,50.0\n".utf8))
        try handle.close()
        let third = try fixture.run()
        var expected = Dictionary(uniqueKeysWithValues: Self.stages.map { ($0, "ran") })
        for stage in ["registry", "grid", "model", "located"] { expected[stage] = "up-to-date" }
        #expect(PipelineFixture.outcomes(third) == expected)
        let manifest = try TestEnvironment.weir(
            ["query", "data/readings", "--manifest", "--select", "ingested_at,source_path", "--format", "csv"],
            in: project)
        #expect(manifest.status == 0, "\(manifest.stderr)")
        let rows = manifest.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let latest = rows.map { String($0[0]) }.max()
        #expect(rows.count == 60)
        #expect(rows.filter { String($0[0]) == latest }.map { String($0[1]) } == ["S003/2025-04-06.csv"])
    }
}
