import Foundation
import Testing
import Weir
import WeirTestSupport

/// `--int96-unit` on the `weir parquet` commands: INT96 timestamps read at microseconds by default,
/// at the unit asked otherwise, and a value finer than the unit is an error naming the fix.
@Suite struct ParquetInt96Tests {
    /// The file's rows as CSV, read at nanoseconds: every digit kept.
    static let csvAtNanoseconds = """
        ns,ms
        2024-01-01T20:34:56.123456789,2024-01-01T20:34:56.123000000
        ,1970-01-01T00:00:00.000000000
        1969-12-31T23:59:59.999999999,

        """

    /// Writes `int96.parquet`: pyarrow's INT96 from nanoseconds (`ns`) and from milliseconds (`ms`).
    private static func write(in directory: TemporaryDirectory) throws {
        let result = try TestEnvironment.python(
            #"""
            import sys
            import pyarrow as pa, pyarrow.parquet as pq
            table = pa.table({
                'ns': pa.array([1_704_141_296_123_456_789, None, -1], pa.timestamp('ns')),
                'ms': pa.array([1_704_141_296_123, 0, None], pa.timestamp('ms')),
            })
            pq.write_table(table, sys.argv[1] + '/int96.parquet', use_deprecated_int96_timestamps=True)
            """#, [directory.path])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func microsecondsByDefault() throws {
        let directory = try TemporaryDirectory("weir-cli-int96")
        try Self.write(in: directory)
        let result = try TestEnvironment.weir(
            ["parquet", "cat", "int96.parquet", "--columns", "ms", "--format", "jsonl"], in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                {"ms":"2024-01-01T20:34:56.123000"}
                {"ms":"1970-01-01T00:00:00.000000"}
                {"ms":null}

                """)
    }

    @Test func nanosecondDigitsNeedTheNanosecondUnit() throws {
        let directory = try TemporaryDirectory("weir-cli-int96")
        try Self.write(in: directory)
        let refused = try TestEnvironment.weir(["parquet", "cat", "int96.parquet"], in: directory.path)
        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "error: 'int96.parquet': row group 0, column 'ns': Column 'ns' holds the INT96 timestamp "
                + "'2024-01-01T20:34:56.123456789' in row 0, finer than the microseconds it is read at. Read INT96 "
                + "timestamps at nanoseconds (--int96-unit ns) to keep every digit.\n")
        let read = try TestEnvironment.weir(
            ["parquet", "cat", "int96.parquet", "--format", "csv", "--int96-unit", "ns"], in: directory.path)
        #expect(read.status == 0, "\(read.stderr)")
        #expect(
            read.stdout == Self.csvAtNanoseconds)
    }

    @Test func inspectShowsTheUnitAsked() throws {
        let directory = try TemporaryDirectory("weir-cli-int96")
        try Self.write(in: directory)
        let result = try TestEnvironment.weir(
            ["parquet", "inspect", "int96.parquet", "--int96-unit", "ms"], in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("INT96     -        -          OPTIONAL    timestamp[ms]"))
        let wrong = try TestEnvironment.weir(
            ["parquet", "inspect", "int96.parquet", "--int96-unit", "s"], in: directory.path)
        #expect(wrong.status != 0)
        #expect(
            wrong.stderr.contains(
                "The value 's' is invalid for '--int96-unit <unit>'. Please provide one of 'ms', 'us' or 'ns'."))
    }

    /// `weir query` on a Parquet file takes the same option.
    @Test func queryReadsAtTheUnitAsked() throws {
        let directory = try TemporaryDirectory("weir-cli-int96")
        try Self.write(in: directory)
        let refused = try TestEnvironment.weir(["query", "int96.parquet", "--format", "csv"], in: directory.path)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("(--int96-unit ns) to keep every digit."), "\(refused.stderr)")
        let read = try TestEnvironment.weir(
            ["query", "int96.parquet", "--int96-unit", "ns", "--where", "ns < '2000-01-01'", "--format", "csv"],
            in: directory.path)
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stdout == "ns,ms\n1969-12-31T23:59:59.999999999,\n")
    }

    /// An ingest stage reads INT96 at microseconds, and a file with nanosecond digits at
    /// nanoseconds: every digit is staged.
    @Test func ingestKeepsNanosecondDigits() throws {
        let project = try PipelineFixture([
            "weir.yaml": """
            stages:
              spark:
                kind: ingest
                source: raw
                pattern: "{name}.parquet"
                out: data/spark

            """
        ])
        let raw = try TemporaryDirectory("weir-cli-int96")
        try Self.write(in: raw)
        try FileManager.default.createDirectory(atPath: project.root + "/raw", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: raw.path + "/int96.parquet", toPath: project.root + "/raw/int96.parquet")
        try project.run()
        let rows = try ManifestStore.read(project.root + "/data/spark/_manifest/manifest.parquet")
        #expect(rows.first?.status == .staged, "\(rows.map(\.reason))")
        let query = try project.weir("query", "data/spark", "--select", "ns,ms", "--format", "csv")
        #expect(query.status == 0, "\(query.stderr)")
        #expect(
            query.stdout == Self.csvAtNanoseconds)
    }
}
