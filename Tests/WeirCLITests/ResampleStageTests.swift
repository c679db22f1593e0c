import Foundation
import Testing
import WeirTestSupport

/// `kind: resample` stages through the built binary: results against DuckDB, spilling, caching and
/// early cutoff, and every configuration error with its place in `weir.yaml`.
@Suite struct ResampleStageTests {
    /// Writes `data/readings.parquet`: 6 stations (one null), unsorted times over Santiago's DST
    /// change of 2025-04-06, nulls and NaN in `temp_c`, a gap of a day for one station.
    static let writeReadings = #"""
        import random, sys, pyarrow as pa, pyarrow.parquet as pq, datetime as dt, math
        rnd = random.Random(7)
        start = dt.datetime(2025, 4, 4, tzinfo=dt.timezone.utc)
        rows = []
        for k in range(4000):
            station = None if k % 97 == 0 else f"S{rnd.randrange(6)}"
            t = start + dt.timedelta(seconds=rnd.randrange(4 * 86400))
            if station == "S5" and t.day == 5:
                continue
            r = rnd.random()
            temp = None if r < 0.05 else (math.nan if r < 0.08 else rnd.uniform(-5, 30))
            rows.append((station, t, temp, rnd.choice([0.0, 0.2, 1.5]), "x"))
        rnd.shuffle(rows)
        table = pa.table({
            "station": [r[0] for r in rows],
            "time": pa.array([r[1] for r in rows], pa.timestamp("us", tz="UTC")),
            "temp_c": [r[2] for r in rows], "rain_mm": [r[3] for r in rows], "note": [r[4] for r in rows]})
        pq.write_table(table, sys.argv[1], row_group_size=500)
        """#

    /// Compares Weir's output folder with DuckDB's aggregation of the input; prints `ok` or the difference.
    static let compareWithDuckDB = #"""
        import duckdb, math, sys
        out, source = sys.argv[1], sys.argv[2]
        con = duckdb.connect().execute('SET enable_progress_bar = false')
        # Calendar days in the zone, for the grid of empty days.
        con.execute("SET TimeZone = 'America/Santiago'")
        ok = "temp_c IS NOT NULL AND NOT isnan(temp_c)"
        theirs = con.execute(f"""
            WITH g AS (
                SELECT station, time_bucket(INTERVAL '1 day', time, 'America/Santiago') AS b, count(temp_c) AS n,
                    avg(temp_c) FILTER (WHERE {ok}) AS mean, stddev_samp(temp_c) FILTER (WHERE {ok}) AS std,
                    arg_min(temp_c, time) FILTER (WHERE temp_c IS NOT NULL) AS first, sum(rain_mm) AS rain
                FROM read_parquet('{source}') GROUP BY ALL),
            bounds AS (SELECT station, min(b) AS lo, max(b) AS hi FROM g GROUP BY station),
            grid AS (SELECT station, unnest(generate_series(lo, hi, INTERVAL '1 day')) AS b FROM bounds)
            SELECT grid.station, epoch_us(grid.b), coalesce(n, 0), mean, std, first, rain
            FROM grid LEFT JOIN g ON g.station IS NOT DISTINCT FROM grid.station AND g.b = grid.b
            ORDER BY grid.station NULLS LAST, grid.b""").fetchall()
        mine = con.execute(f"""
            SELECT station, epoch_us(time), temp_c_count, temp_c_mean, temp_c_std, temp_c_first, rain_mm_sum
            FROM read_parquet('{out}/*.parquet')""").fetchall()
        def same(a, b):
            if isinstance(a, float) and isinstance(b, float):
                return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
            return a == b
        if len(mine) != len(theirs):
            print(f"{len(mine)} rows, DuckDB {len(theirs)}"); sys.exit(0)
        for row, (a, b) in enumerate(zip(mine, theirs)):
            if not all(same(x, y) for x, y in zip(a, b)):
                print(f"row {row}: {a} != {b}"); sys.exit(0)
        print(f"ok {len(mine)}")
        """#

    static let yaml = """
        stages:
          daily:
            kind: resample
            input: data/readings.parquet
            time: time
            every: 1d
            timezone: America/Santiago
            group_by: [station]
            aggregate: {temp_c: [count, mean, std, first], rain_mm: sum}
            empty: keep
            memory: 2KiB
            out: data/daily
        """

    static func project(_ yaml: String = yaml) throws -> PipelineFixture {
        let project = try PipelineFixture(["weir.yaml": yaml])
        try FileManager.default.createDirectory(atPath: project.root + "/data", withIntermediateDirectories: true)
        let written = try TestEnvironment.python(writeReadings, [project.root + "/data/readings.parquet"])
        try #require(written.status == 0, "pyarrow failed: \(written.stderr)")
        return project
    }

    @Test func dailyBucketsInATimeZoneEqualDuckDBWhileSpilling() throws {
        let project = try Self.project()
        let run = try project.weir("run")
        try #require(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("[daily] "), "the console line with rows in and out")
        #expect(run.stdout.contains("spilled"), "a 2 KiB budget spills")
        let compared = try TestEnvironment.python(
            Self.compareWithDuckDB, [project.root + "/data/daily", project.root + "/data/readings.parquet"])
        #expect(compared.status == 0, "\(compared.stderr)")
        #expect(compared.stdout.hasPrefix("ok "), "\(compared.stdout)")
        let summaryPath = try #require(
            FileManager.default.enumerator(atPath: project.root + "/.weir")?.compactMap { $0 as? String }
                .first { $0.hasSuffix("resample-summary.json") })
        let summary = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: project.root + "/.weir/" + summaryPath)))
                as? [String: Any])
        #expect(summary["rowsIn"] as? Int ?? 0 > 3_000)
        #expect(summary["spillBytes"] as? Int ?? 0 > 0)
    }

    /// Writes `data/labels.parquet`: 4 stations (one null) over two days at distinct, unsorted
    /// times, a text `label` with nulls, ties, empty and non-ASCII values, and an hour of S3 whose
    /// labels are all null.
    static let writeLabels = #"""
        import random, sys, pyarrow as pa, pyarrow.parquet as pq, datetime as dt
        rnd = random.Random(11)
        start = dt.datetime(2025, 4, 4, tzinfo=dt.timezone.utc)
        words = ["", "a", "ab", "b", "B", "Z", "é", "ß", "zz", "a b", "🙂", "Ab"]
        rows = []
        for k, s in enumerate(rnd.sample(range(2 * 86400), 3000)):
            station = None if k % 89 == 0 else f"S{rnd.randrange(4)}"
            label = None if rnd.random() < 0.1 else rnd.choice(words) + rnd.choice(["", "0", "1"])
            if station == "S3" and s // 3600 == 5:
                label = None
            rows.append((station, start + dt.timedelta(seconds=s), label))
        table = pa.table({
            "station": [r[0] for r in rows],
            "time": pa.array([r[1] for r in rows], pa.timestamp("us", tz="UTC")),
            "label": pa.array([r[2] for r in rows], pa.string())})
        pq.write_table(table, sys.argv[1], row_group_size=300)
        """#

    /// Compares Weir's hourly text aggregates with DuckDB's; prints `ok` or the difference.
    static let compareLabelsWithDuckDB = #"""
        import duckdb, sys
        out, source = sys.argv[1], sys.argv[2]
        con = duckdb.connect().execute('SET enable_progress_bar = false')
        theirs = con.execute(f"""
            SELECT station, epoch_us(time) // 3600000000 * 3600000000 AS b, min(label), max(label),
                arg_min(label, time) FILTER (WHERE label IS NOT NULL),
                arg_max(label, time) FILTER (WHERE label IS NOT NULL), count(label)
            FROM read_parquet('{source}') GROUP BY ALL ORDER BY station NULLS LAST, b""").fetchall()
        mine = con.execute(f"""
            SELECT station, epoch_us(time) AS b, label_min, label_max, label_first, label_last, label_count
            FROM read_parquet('{out}/*.parquet') ORDER BY station NULLS LAST, b""").fetchall()
        if len(mine) != len(theirs):
            print(f"{len(mine)} rows, DuckDB {len(theirs)}"); sys.exit(0)
        for row, (a, b) in enumerate(zip(mine, theirs)):
            if a != b:
                print(f"row {row}: {a} != {b}"); sys.exit(0)
        nulls = sum(1 for r in mine if r[2] is None)
        print(f"ok {len(mine)} {nulls}")
        """#

    @Test func minMaxFirstAndLastOfTextEqualDuckDBWhileSpilling() throws {
        let yaml = """
            stages:
              hourly:
                kind: resample
                input: data/labels.parquet
                time: time
                every: 1h
                group_by: [station]
                aggregate: {label: [min, max, first, last, count]}
                memory: 2KiB
                out: data/hourly
            """
        let project = try PipelineFixture(["weir.yaml": yaml])
        try FileManager.default.createDirectory(atPath: project.root + "/data", withIntermediateDirectories: true)
        let written = try TestEnvironment.python(Self.writeLabels, [project.root + "/data/labels.parquet"])
        try #require(written.status == 0, "pyarrow failed: \(written.stderr)")
        let run = try project.weir("run")
        try #require(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("spilled"), "a 2 KiB budget spills")
        let compared = try TestEnvironment.python(
            Self.compareLabelsWithDuckDB, [project.root + "/data/hourly", project.root + "/data/labels.parquet"])
        #expect(compared.status == 0, "\(compared.stderr)")
        #expect(compared.stdout.hasPrefix("ok "), "\(compared.stdout)")
        // Some buckets have only null labels: their min, max, first and last are null.
        let words = compared.stdout.split(whereSeparator: \.isWhitespace)
        let nulls = words.last.flatMap { Int($0) }
        #expect((nulls ?? 0) > 0, "\(compared.stdout)")
    }

    @Test func anUnchangedStageIsUpToDateAndAChangedOptionRunsIt() throws {
        let project = try Self.project()
        #expect(try project.weir("run").status == 0)
        let again = try project.weir("run")
        #expect(again.stdout.contains("daily: up to date"), "\(again.stdout)")
        try project.edit("weir.yaml", replacing: "every: 1d", with: "every: 12h")
        let changed = try project.weir("run")
        #expect(changed.status == 0)
        #expect(changed.stdout.contains("daily: running — option 'every_seconds' changed 86400 → 43200"), "\(changed.stdout)")
        // The memory budget changes how, not what: it is not part of the fingerprint.
        try project.edit("weir.yaml", replacing: "memory: 2KiB", with: "memory: 1GiB")
        #expect(try project.weir("run").stdout.contains("daily: up to date"))
    }

    @Test func anUpstreamStageThatWritesTheSameOutputRunsNothingDownstream() throws {
        let yaml = """
            stages:
              copy:
                cmd: cp data/readings.parquet ${out}/readings.parquet
                deps: {raw: data/readings.parquet}
                out: build/copy
              hourly:
                kind: resample
                input: stage:copy
                time: time
                every: 1h
                closed: right
                label: right
                group_by: station
                aggregate: {temp_c: [min, max, last], rain_mm: [sum]}
                out: build/hourly
            """
        let project = try Self.project(yaml)
        let first = try project.weir("run")
        try #require(first.status == 0, "\(first.stdout)\(first.stderr)")
        let forced = try project.weir("run", "--force", "copy")
        #expect(forced.status == 0)
        #expect(forced.stdout.contains("hourly: up to date"), "\(forced.stdout)")
        let rows = try TestEnvironment.python(
            "import duckdb, sys; print(duckdb.connect().execute('SET enable_progress_bar = false').execute(f\"select count(distinct coalesce(station, '-')) from '{sys.argv[1]}/*.parquet'\").fetchall()[0][0])",
            [project.root + "/build/hourly"])
        #expect(rows.stdout == "7\n", "six stations and the null one: \(rows.stdout)")
    }

    @Test func anEmptyInputGivesAnEmptyOutput() throws {
        let project = try Self.project()
        let emptied = try TestEnvironment.python(
            "import pyarrow.parquet as pq, sys; t = pq.read_table(sys.argv[1]); pq.write_table(t.slice(0, 0), sys.argv[1])",
            [project.root + "/data/readings.parquet"])
        try #require(emptied.status == 0, "\(emptied.stderr)")
        let run = try project.weir("run")
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let count = try TestEnvironment.python(
            "import duckdb, sys; print(duckdb.connect().execute('SET enable_progress_bar = false').execute(f\"select count(*) from '{sys.argv[1]}/*.parquet'\").fetchall()[0][0])",
            [project.root + "/data/daily"])
        #expect(count.stdout == "0\n")
    }

    struct BadConfig: Sendable, CustomStringConvertible {
        var replace: String
        var with: String
        var status: Int32
        var message: String
        var description: String { message }
    }

    static let badConfigs: [BadConfig] = [
        BadConfig(
            replace: "every: 1d", with: "every: 7x", status: 2,
            message: "weir.yaml:6:12: The 'every' of stage 'daily' is invalid. '7x' is not a bucket width. Write a "
                + "whole number followed by s, m, h, d or w, such as '10m' or '1d'."),
        BadConfig(
            replace: "temp_c: [count", with: "tmep_c: [count", status: 1,
            message: "weir.yaml:9:17: The 'aggregate' of stage 'daily' is invalid. The input has no column 'tmep_c'. "
                + "Did you mean 'temp_c'? Its columns are 'station', 'time', 'temp_c', 'rain_mm', 'note'."),
        BadConfig(
            replace: "rain_mm: sum", with: "note: mean", status: 1,
            message: "weir.yaml:9:58: The aggregation 'mean' of 'note' in stage 'daily' is invalid. 'mean' does not "
                + "apply to the string column 'note'. Use 'count', 'min', 'max', 'first' or 'last' for it."),
        BadConfig(
            replace: "rain_mm: sum", with: "note: [min, sum]", status: 1,
            message: "weir.yaml:9:64: The aggregation 'sum' of 'note' in stage 'daily' is invalid. 'sum' does not "
                + "apply to the string column 'note'. Use 'count', 'min', 'max', 'first' or 'last' for it."),
        BadConfig(
            replace: "rain_mm: sum", with: "note: std", status: 1,
            message: "weir.yaml:9:58: The aggregation 'std' of 'note' in stage 'daily' is invalid. 'std' does not "
                + "apply to the string column 'note'. Use 'count', 'min', 'max', 'first' or 'last' for it."),
        BadConfig(
            replace: "time: time", with: "time: note", status: 1,
            message: "weir.yaml:5:11: The 'time' of stage 'daily' is invalid. The column 'note' is string, not a "
                + "timestamp. Name a timestamp column, or give it a timestamp type when it is ingested "
                + "('schema: {note: timestamp}')."),
        BadConfig(
            replace: "group_by: [station]", with: "group_by: [stations]", status: 1,
            message: "weir.yaml:8:16: The 'group_by' of stage 'daily' is invalid. The input has no column 'stations'. "
                + "Did you mean 'station'?"),
        BadConfig(
            replace: "std, first]", with: "std, frist]", status: 2,
            message: "weir.yaml:9:44: The aggregation of 'temp_c' in stage 'daily' is invalid. 'frist' is not an "
                + "aggregation. Did you mean 'first'?"),
        BadConfig(
            replace: "empty: keep", with: "empty: fill", status: 2,
            message: "weir.yaml:10:12: The 'empty' of stage 'daily' is invalid. Use 'skip' or 'keep'."),
        BadConfig(
            replace: "timezone: America/Santiago", with: "timezone: Mars/Olympus", status: 2,
            message: "weir.yaml:7:15: The 'timezone' of stage 'daily' is invalid. 'Mars/Olympus' is not a time zone."),
        BadConfig(
            replace: "memory: 2KiB", with: "memory: lots", status: 2,
            message: "weir.yaml:11:13: The 'memory' of stage 'daily' is invalid. 'lots' is not a size."),
        BadConfig(
            replace: "empty: keep", with: "emtpy: keep", status: 2,
            message: "weir.yaml:10:5: Unknown key 'emtpy' in stage 'daily'. Did you mean 'empty'?"),
    ]

    @Test(arguments: badConfigs)
    func aBadOptionIsReportedAtItsPlaceBeforeAnyWork(_ bad: BadConfig) throws {
        let project = try Self.project()
        try project.edit("weir.yaml", replacing: bad.replace, with: bad.with)
        let run = try project.weir("run")
        #expect(run.status == bad.status, "\(run.stdout)\(run.stderr)")
        #expect((run.stdout + run.stderr).contains(bad.message), "\(run.stdout)\(run.stderr)")
        #expect(!project.exists("data/daily"))
    }
}
