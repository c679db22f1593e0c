import Foundation
import Testing
import Weir
import WeirTestSupport

/// Station files across the end of Santiago's summer time in 2025, through the binary. At local
/// midnight starting 2025-04-06 (03:00Z) clocks fell back to 23:00, so 23:00–23:59 on 2025-04-05
/// happened twice; the instrument writes wall-clock times, but gives the offset in the hour's
/// second pass (`23:00:00-04:00`) so that no reading is ambiguous.
@Suite struct IngestTimeZoneTests {
    static func yaml(timezone: Bool = true, extra: String = "") -> String {
        """
        stages:
          stations:
            kind: ingest
            source: raw
            pattern: "{sid}/{date:date}.csv"
            header_metadata: true
            partition_by: [sid]
        \(timezone ? "    timezone: America/Santiago\n" : "")\(extra.isEmpty ? "" : "    " + extra + "\n")\
            out: data/stations
        """
    }

    static func file(_ station: String, start: String? = nil, _ readings: [(String, Double)]) -> String {
        "# Station: \(station)\n# Elevation: 1941 m\n# Start time: \(start ?? readings[0].0)\ntime,temp_c\n"
            + readings.map { "\($0.0),\($0.1)" }.joined(separator: "\n") + "\n"
    }

    /// The evening of 2025-04-05: wall-clock readings, then the repeated hour with its offset.
    static func evening(_ station: String, fraction: String = "", start: String? = nil) -> String {
        file(
            station, start: start,
            [
                ("2025-04-05 22:00:00\(fraction)", 1), ("2025-04-05 23:00:00", 2), ("2025-04-05 23:30:00", 3),
                ("2025-04-05 23:00:00-04:00", 4), ("2025-04-05 23:30:00-04:00", 5),
            ])
    }

    /// The night after: wall-clock readings only.
    static func night(_ station: String, start: String? = nil) -> String {
        file(station, start: start, [("2025-04-06 00:00:00", 6), ("2025-04-06 01:00:00", 7)])
    }

    /// The stored instant of each reading, by its temperature (unique per station).
    static let instants: [Double: String] = [
        1: "2025-04-06T01:00:00", 2: "2025-04-06T02:00:00", 3: "2025-04-06T02:30:00",
        4: "2025-04-06T03:00:00", 5: "2025-04-06T03:30:00", 6: "2025-04-06T04:00:00", 7: "2025-04-06T05:00:00",
    ]

    /// `sid,temp_c,time` of every stored row, sorted.
    func rows(_ project: PipelineFixture) throws -> [String] {
        let result = try project.weir(
            "query", "data/stations", "--format", "csv", "--select", "sid,temp_c,time", "--order-by", "sid,temp_c")
        guard result.status == 0 else { throw FixtureError(message: "query failed: \(result.stderr)") }
        return Array(result.stdout.split(separator: "\n").dropFirst().map(String.init))
    }

    func expected(_ stations: [String], digits: Int = 6, readings: ClosedRange<Double> = 1...7) -> [String] {
        let fraction = "." + String(repeating: "0", count: digits)
        return stations.flatMap { station in
            Self.instants.keys.filter(readings.contains).sorted().map { temp in
                "\(station),\(temp),\(Self.instants[temp]!)\(fraction)Z"
            }
        }
    }

    func schema(_ project: PipelineFixture) throws -> [String] {
        let layout = DatasetLayout(root: project.root + "/data/stations")
        let kind = try #require(try DatasetSchemaStore(layout: layout).current()?.kind(nil))
        return kind.columns.map { "\($0.name): \($0.type)" }
    }

    func manifest(_ project: PipelineFixture) throws -> [String: ManifestRow] {
        let rows = try ManifestStore.read(project.root + "/data/stations/_manifest/manifest.parquet")
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.sourcePath, $0) })
    }

    @Test func mixedAndWallClockFilesStoreTheRightInstantsInEveryBatch() throws {
        let project = try PipelineFixture([
            "weir.yaml": Self.yaml(),
            "raw/S001/2025-04-05.csv": Self.evening("S001"),
            "raw/S001/2025-04-06.csv": Self.night("S001"),
        ])
        try project.run()
        #expect(try schema(project) == ["time: timestamp_us_utc", "temp_c: double"])
        #expect(try rows(project) == expected(["S001"]))
        // A later batch is read against the kept schema.
        try project.write("raw/S002/2025-04-05.csv", Self.evening("S002", start: "2025-04-05 23:00:00-04:00"))
        try project.write("raw/S002/2025-04-06.csv", Self.night("S002", start: "2025-04-06T04:00:00Z"))
        try project.run()
        #expect(try manifest(project).values.allSatisfy { $0.status == .staged })
        #expect(try rows(project) == expected(["S001", "S002"]))
        // Metadata date-times: wall-clock ones in the zone, ones with an offset as they say.
        let starts = try manifest(project).mapValues { row in
            [row.fields["start_time"]?.text ?? "-", row.fields["start_time_local_date"]?.text ?? "-"]
        }
        #expect(
            starts == [
                "S001/2025-04-05.csv": ["2025-04-06T01:00:00.000000Z", "2025-04-05"],
                "S001/2025-04-06.csv": ["2025-04-06T04:00:00.000000Z", "2025-04-06"],
                "S002/2025-04-05.csv": ["2025-04-06T03:00:00.000000Z", "2025-04-05"],
                "S002/2025-04-06.csv": ["2025-04-06T04:00:00.000000Z", "2025-04-06"],
            ])
        #expect(try project.weir("dataset", "verify", "data/stations").status == 0)
    }

    /// A file whose column the batch settles otherwise (nanoseconds, from another file) is read
    /// again as the dataset's UTC type, in the first batch and in later ones.
    @Test func filesReadAgainAsTheDatasetsTypeKeepTheZone() throws {
        let project = try PipelineFixture([
            "weir.yaml": Self.yaml(),
            "raw/S001/2025-04-05.csv": Self.evening("S001", fraction: ".000000000", start: "2025-04-05 22:00:00"),
            "raw/S002/2025-04-05.csv": Self.evening("S002"),
            "raw/S002/2025-04-06.csv": Self.night("S002"),
        ])
        try project.run()
        #expect(try schema(project) == ["time: timestamp_ns_utc", "temp_c: double"])
        #expect(try rows(project) == expected(["S001"], digits: 9, readings: 1...5) + expected(["S002"], digits: 9))
        try project.write("raw/S003/2025-04-05.csv", Self.evening("S003"))
        try project.write("raw/S003/2025-04-06.csv", Self.night("S003"))
        try project.run()
        #expect(
            try rows(project)
                == expected(["S001"], digits: 9, readings: 1...5) + expected(["S002", "S003"], digits: 9))
    }

    @Test func aDeclaredUTCColumnTakesWallClockReadingsInTheZone() throws {
        let project = try PipelineFixture([
            "weir.yaml": Self.yaml(extra: "schema: {time: timestamp_utc}"),
            "raw/S001/2025-04-05.csv": Self.evening("S001"),
            "raw/S001/2025-04-06.csv": Self.night("S001"),
        ])
        try project.run()
        #expect(try rows(project) == expected(["S001"]))
    }

    /// Without `timezone`, a declared UTC column takes readings without an offset as UTC.
    @Test func withoutATimezoneADeclaredUTCColumnTakesWallClockReadingsAsUTC() throws {
        let project = try PipelineFixture([
            "weir.yaml": Self.yaml(timezone: false, extra: "schema: {time: timestamp_utc}"),
            "raw/S001/2025-04-05.csv": Self.evening("S001"),
            "raw/S001/2025-04-06.csv": Self.night("S001"),
        ])
        try project.run()
        #expect(
            try rows(project) == [
                "S001,1.0,2025-04-05T22:00:00.000000Z", "S001,2.0,2025-04-05T23:00:00.000000Z",
                "S001,3.0,2025-04-05T23:30:00.000000Z", "S001,4.0,2025-04-06T03:00:00.000000Z",
                "S001,5.0,2025-04-06T03:30:00.000000Z", "S001,6.0,2025-04-06T00:00:00.000000Z",
                "S001,7.0,2025-04-06T01:00:00.000000Z",
            ])
    }

    /// Without `timezone`, wall-clock files keep a local column, and a file that mixes in offsets
    /// is rejected naming the first one, not stored with guessed instants.
    @Test func withoutATimezoneAMixedFileInALocalDatasetIsRejected() throws {
        let project = try PipelineFixture([
            "weir.yaml": Self.yaml(timezone: false),
            "raw/S001/2025-04-05.csv": Self.evening("S001"),
            "raw/S001/2025-04-06.csv": Self.night("S001"),
            "raw/S002/2025-04-06.csv": Self.night("S002"),
        ])
        try project.run()
        #expect(try schema(project) == ["time: timestamp_us", "temp_c: double"])
        let row = try #require(try manifest(project)["S001/2025-04-05.csv"])
        #expect(row.status == .rejected)
        #expect(
            row.reason
                == "The file cannot be staged: its column 'time' is timestamp_us_utc in this file but timestamp_us in "
                + "the dataset's schema: the first value that is not a timestamp_us, '2025-04-05 23:00:00-04:00', is at "
                + "line 8, column 1, byte 154. Set 'timezone' to the zone of the readings without an offset to store "
                + "the column as UTC, fix the value, or set 'on_bad_rows: reject' to stage the file without such rows.")
        #expect(
            try rows(project) == [
                "S001,6.0,2025-04-06T00:00:00.000000", "S001,7.0,2025-04-06T01:00:00.000000",
                "S002,6.0,2025-04-06T00:00:00.000000", "S002,7.0,2025-04-06T01:00:00.000000",
            ])
    }
}
