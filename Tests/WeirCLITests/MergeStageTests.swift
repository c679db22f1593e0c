import Foundation
import Testing
import WeirTestSupport

/// `kind: merge` stages through the built binary: as-of merges against polars and DuckDB, key
/// merges against DuckDB, nearest merges against every distance computed, in memory and sorted
/// through spill files; caching; every configuration error with its place in `weir.yaml`.
@Suite struct MergeStageTests {
    /// Writes the inputs into the folder given: `readings.parquet` (unsorted readings of six
    /// stations, one of them null, with nulls in `temp_c`), `model.parquet` (a model value every
    /// ten minutes, jittered, for five of the stations, shuffled), `stations.parquet` (a station
    /// table with a duplicate, a station without readings and a null one) and `grid.parquet`.
    static let writeInputs = #"""
        import random, sys, pyarrow as pa, pyarrow.parquet as pq, datetime as dt
        folder = sys.argv[1]
        rnd = random.Random(11)
        start = dt.datetime(2025, 4, 5, tzinfo=dt.timezone.utc)
        coords = {f"S{k}": (round(-33 - rnd.randrange(4) * 0.25 + rnd.uniform(-0.004, 0.004), 4),
                            round(-70 - rnd.randrange(4) * 0.25 + rnd.uniform(-0.004, 0.004), 4)) for k in range(6)}
        coords["S5"] = (-33.1, -70.1)
        rows = []
        for k in range(20000):
            station = None if k % 101 == 0 else f"S{rnd.randrange(6)}"
            t = start + dt.timedelta(seconds=rnd.randrange(2 * 86400))
            lat, lon = coords.get(station, (-33.5, -70.5))
            rows.append((station, t, None if rnd.random() < 0.05 else rnd.uniform(-5, 30), lat, lon))
        pq.write_table(pa.table({
            "station": [r[0] for r in rows], "time": pa.array([r[1] for r in rows], pa.timestamp("us", tz="UTC")),
            "temp_c": [r[2] for r in rows], "lat": [r[3] for r in rows], "lon": [r[4] for r in rows]}),
            f"{folder}/readings.parquet", row_group_size=3000)
        model = []
        for k in range(5):
            for step in range(2 * 86400 // 600 + 2):
                model.append((f"S{k}", start + dt.timedelta(seconds=step * 600 + rnd.randrange(-120, 120)),
                              rnd.uniform(0, 25)))
        rnd.shuffle(model)
        pq.write_table(pa.table({
            "station": [m[0] for m in model], "time": pa.array([m[1] for m in model], pa.timestamp("us", tz="UTC")),
            "model_t": [m[2] for m in model]}), f"{folder}/model.parquet", row_group_size=400)
        stations = [("S0", 520), ("S1", 610), ("S1", 615), ("S2", 700), ("S3", 80), ("S4", 1200), ("S9", 5), (None, 0)]
        pq.write_table(pa.table({
            "station": [s[0] for s in stations], "elevation": pa.array([s[1] for s in stations], pa.int32()),
            "lat": [coords.get(s[0], (-34.0, -71.0))[0] for s in stations],
            "lon": [coords.get(s[0], (-34.0, -71.0))[1] for s in stations]}), f"{folder}/stations.parquet")
        grid = [(round(-33 - i * 0.25, 2), round(-70 - j * 0.25, 2), f"c{i}{j}") for i in range(4) for j in range(4)]
        rnd.shuffle(grid)
        pq.write_table(pa.table({"lat": [g[0] for g in grid], "lon": [g[1] for g in grid], "cell": [g[2] for g in grid]}),
            f"{folder}/grid.parquet")
        """#

    /// Shared by the comparisons: rows as sortable tuples, and a comparison that prints `ok N` or
    /// the first difference.
    static let comparePrelude = #"""
        import duckdb, math, sys, polars as pl, datetime as dt
        def key(row):
            return tuple((0, "") if v is None else (1, str(v)) for v in row)
        def compare(mine, theirs):
            mine, theirs = sorted(mine, key=key), sorted(theirs, key=key)
            if len(mine) != len(theirs):
                print(f"{len(mine)} rows, expected {len(theirs)}"); return
            for a, b in zip(mine, theirs):
                if a != b:
                    print(f"{a} != {b}"); return
            print(f"ok {len(mine)}")
        def weir_rows(out):
            return [tuple(r) for r in pl.read_parquet(f"{out}/*.parquet").rows()]
        """#

    /// As-of merge against polars' `join_asof` (sorted input, `by`, tolerance) and, backward and
    /// forward, DuckDB's `ASOF LEFT JOIN` (`>=`, `<=`) with the tolerance applied after.
    static let compareAsof =
        comparePrelude + "\n" + #"""
        out, folder, direction = sys.argv[1], sys.argv[2], sys.argv[3]
        left = pl.read_parquet(f"{folder}/readings.parquet")
        right = pl.read_parquet(f"{folder}/model.parquet").with_columns(pl.col("time").alias("time_right"))
        known = left.filter(pl.col("station").is_not_null()).sort("time")
        joined = known.join_asof(right.sort("time"), on="time", by="station", strategy=direction, tolerance="5m")
        expected = [tuple(r) for r in joined.select(["station", "time", "temp_c", "lat", "lon", "time_right", "model_t"]).rows()]
        expected += [tuple(r) + (None, None) for r in left.filter(pl.col("station").is_null()).rows()]
        compare(weir_rows(out), expected)
        if direction != "nearest":
            # DuckDB's ASOF JOIN: >= for backward, <= for forward; it has no tolerance, applied after.
            con = duckdb.connect().execute('SET enable_progress_bar = false')
            con.execute("SET TimeZone = 'UTC'")
            op, gap = (">=", "l.time - r.time") if direction == "backward" else ("<=", "r.time - l.time")
            theirs = con.execute(f"""
                SELECT l.station, l.time, l.temp_c, l.lat, l.lon,
                    CASE WHEN {gap} <= INTERVAL 5 MINUTE THEN r.time END,
                    CASE WHEN {gap} <= INTERVAL 5 MINUTE THEN r.model_t END
                FROM '{folder}/readings.parquet' l ASOF LEFT JOIN '{folder}/model.parquet' r
                ON l.station = r.station AND l.time {op} r.time""").fetchall()
            mine = con.execute(f"SELECT * FROM '{out}/*.parquet'").fetchall()
            compare(mine, theirs)
        """#

    static func project(_ yaml: String) throws -> PipelineFixture {
        let project = try PipelineFixture(["weir.yaml": yaml])
        try FileManager.default.createDirectory(atPath: project.root + "/data", withIntermediateDirectories: true)
        let written = try TestEnvironment.python(writeInputs, [project.root + "/data"])
        try #require(written.status == 0, "pyarrow failed: \(written.stderr)")
        return project
    }

    static func asofYAML(direction: String, memory: String) -> String {
        """
        stages:
          matched:
            kind: merge
            left: data/readings.parquet
            right: data/model.parquet
            how: asof
            on: [station]
            asof: {left: time, right: time, direction: \(direction), tolerance: 5m}
            memory: \(memory)
            out: data/matched
        """
    }

    /// The transform summary of the latest run of a stage.
    static func summary(_ project: PipelineFixture) throws -> [String: Any] {
        let path = try #require(
            FileManager.default.enumerator(atPath: project.root + "/.weir")?.compactMap { $0 as? String }
                .first { $0.hasSuffix("transform-summary.json") })
        return try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: project.root + "/.weir/" + path))) as? [String: Any])
    }

    @Test(arguments: ["backward", "forward", "nearest"], ["1GiB", "48KiB"])
    func asofMergesEqualPolarsAndDuckDB(direction: String, memory: String) throws {
        let project = try Self.project(Self.asofYAML(direction: direction, memory: memory))
        let run = try project.weir("run")
        try #require(run.status == 0, "\(run.stdout)\(run.stderr)")
        let compared = try TestEnvironment.python(
            Self.compareAsof, [project.root + "/data/matched", project.root + "/data", direction])
        #expect(compared.status == 0, "\(compared.stderr)")
        let lines = compared.stdout.split(separator: "\n")
        #expect(lines.count == (direction == "nearest" ? 1 : 2) && lines.allSatisfy { $0 == "ok 20000" }, "\(compared.stdout)")
        let summary = try Self.summary(project)
        let notice = (summary["notices"] as? [String])?.first ?? ""
        if memory == "48KiB" {
            #expect(notice.contains("both inputs were sorted"), "\(notice)")
            #expect(summary["spillBytes"] as? Int ?? 0 > 0, "a 48 KiB budget spills")
        } else {
            #expect(notice.contains("held in memory"), "\(notice)")
        }
        #expect(notice.contains("of 20000 left rows found a partner within the tolerance"), "\(notice)")
    }

    static let compareKeys =
        comparePrelude + "\n" + #"""
        out, folder, how = sys.argv[1], sys.argv[2], sys.argv[3]
        con = duckdb.connect().execute('SET enable_progress_bar = false')
        con.execute("SET TimeZone = 'UTC'")
        join = {"inner": "JOIN", "left": "LEFT JOIN", "outer": "FULL JOIN"}[how]
        theirs = con.execute(f"""
            SELECT coalesce(l.station, r.station), l.time, l.temp_c, l.lat, l.lon, r.elevation, r.lat, r.lon
            FROM '{folder}/readings.parquet' l {join} '{folder}/stations.parquet' r ON l.station = r.station""").fetchall()
        mine = con.execute(f"SELECT * FROM '{out}/*.parquet'").fetchall()
        names = [d[0] for d in con.execute(f"SELECT * FROM '{out}/*.parquet' LIMIT 0").description]
        if names != ["station", "time", "temp_c", "lat", "lon", "elevation", "lat_right", "lon_right"]:
            print(names)
        compare(mine, theirs)
        """#

    @Test(arguments: ["inner", "left", "outer"], ["1GiB", "48KiB"])
    func keyMergesEqualDuckDB(how: String, memory: String) throws {
        let project = try Self.project(
            """
            stages:
              located:
                kind: merge
                left: data/readings.parquet
                right: data/stations.parquet
                how: \(how)
                on: station
                memory: \(memory)
                out: data/located
            """)
        let run = try project.weir("run")
        try #require(run.status == 0, "\(run.stdout)\(run.stderr)")
        let compared = try TestEnvironment.python(
            Self.compareKeys, [project.root + "/data/located", project.root + "/data", how])
        #expect(compared.status == 0, "\(compared.stderr)")
        #expect(compared.stdout.hasPrefix("ok ") && !compared.stdout.contains("\n["), "\(compared.stdout)")
    }

    static let compareNearest =
        comparePrelude + "\n" + #"""
        out, folder = sys.argv[1], sys.argv[2]
        left = pl.read_parquet(f"{folder}/stations.parquet").rows()
        grid = pl.read_parquet(f"{folder}/grid.parquet").rows()
        expected = []
        for row in left:
            best = None
            for index, (lat, lon, cell) in enumerate(grid):
                d = math.sqrt((row[2] - lat) * (row[2] - lat) + (row[3] - lon) * (row[3] - lon))
                if best is None or d < best[0]:
                    best = (d, index)
            if best is not None and best[0] <= 0.01:
                expected.append(tuple(row) + tuple(grid[best[1]]) + (best[0],))
            else:
                expected.append(tuple(row) + (None, None, None, None))
        compare(weir_rows(out), expected)
        """#

    @Test func nearestMergesEqualEveryDistanceComputed() throws {
        let project = try Self.project(
            """
            stages:
              cells:
                kind: merge
                left: data/stations.parquet
                right: data/grid.parquet
                how: nearest
                nearest: {left: [lat, lon], right: [lat, lon], tolerance: 0.01}
                out: data/cells
            """)
        let run = try project.weir("run")
        try #require(run.status == 0, "\(run.stdout)\(run.stderr)")
        let compared = try TestEnvironment.python(Self.compareNearest, [project.root + "/data/cells", project.root + "/data"])
        #expect(compared.stdout == "ok 8\n", "\(compared.stdout)\(compared.stderr)")
        let notice = (try Self.summary(project)["notices"] as? [String])?.first ?? ""
        #expect(notice.contains("6 of 8 left rows found a partner within the tolerance"), "\(notice)")
    }

    @Test func anUnchangedMergeIsUpToDateAndAChangedToleranceRunsIt() throws {
        let project = try Self.project(Self.asofYAML(direction: "backward", memory: "1GiB"))
        #expect(try project.weir("run").status == 0)
        #expect(try project.weir("run").stdout.contains("matched: up to date"))
        try project.edit("weir.yaml", replacing: "tolerance: 5m", with: "tolerance: 10m")
        let changed = try project.weir("run")
        #expect(changed.status == 0)
        #expect(changed.stdout.contains("matched: running — option 'asof' changed"), "\(changed.stdout)")
        try project.edit("weir.yaml", replacing: "memory: 1GiB", with: "memory: 64MiB")
        #expect(try project.weir("run").stdout.contains("matched: up to date"), "memory is not part of the fingerprint")
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
            replace: "on: [station]", with: "on: [statoin]", status: 1,
            message: "weir.yaml:7:10: The 'on' of stage 'matched' is invalid. The left input has no column 'statoin'. "
                + "Did you mean 'station'?"),
        BadConfig(
            replace: "asof: {left: time, right: time,", with: "asof: {left: time, right: model_t,", status: 1,
            message: "weir.yaml:8:31: The 'asof' of stage 'matched' is invalid. The left column 'time' is "
                + "timestamp[us, UTC] but the right column 'model_t' is double. Give both one type."),
        BadConfig(
            replace: "on: [station]", with: "on: [temp_c]", status: 1,
            message: "weir.yaml:7:10: The 'on' of stage 'matched' is invalid. The right input has no column 'temp_c'."),
        BadConfig(
            replace: "tolerance: 5m", with: "tolerance: -5", status: 2,
            message: "weir.yaml:8:69: The 'tolerance' of stage 'matched' is invalid. '-5' is negative."),
        BadConfig(
            replace: "tolerance: 5m", with: "tolerance: 5", status: 1,
            message: "weir.yaml:8:69: The 'tolerance' of stage 'matched' is invalid. '5' is a number but 'time' is a "
                + "timestamp[us, UTC]. Write a duration, such as '30m' or '90s'."),
        BadConfig(
            replace: "tolerance: 5m", with: "tolerance: 5x", status: 2,
            message: "'5x' is neither a duration nor a number."),
        BadConfig(
            replace: "direction: backward", with: "direction: backwards", status: 2,
            message: "weir.yaml:8:48: The 'direction' of stage 'matched' is invalid. 'backwards' is not allowed. Did "
                + "you mean 'backward'?"),
        BadConfig(
            replace: "how: asof", with: "how: asof_join", status: 2,
            message: "weir.yaml:6:10: The 'how' of stage 'matched' is invalid. 'asof_join' is not allowed."),
        BadConfig(
            replace: "how: asof", with: "how: left", status: 2,
            message: "'asof' is for 'how: asof', but this stage has 'how: left'."),
        BadConfig(
            replace: "asof: {left: time", with: "asfo: {left: time", status: 2,
            message: "weir.yaml:8:5: Unknown key 'asfo' in stage 'matched'. Did you mean 'asof'?"),
        BadConfig(
            replace: "right: data/model.parquet", with: "right: stage:modle", status: 2,
            message: "modle"),
    ]

    @Test(arguments: badConfigs)
    func aBadOptionIsReportedAtItsPlaceBeforeAnyWork(_ bad: BadConfig) throws {
        let project = try Self.project(Self.asofYAML(direction: "backward", memory: "1GiB"))
        try project.edit("weir.yaml", replacing: bad.replace, with: bad.with)
        let run = try project.weir("run")
        #expect(run.status == bad.status, "\(run.stdout)\(run.stderr)")
        #expect((run.stdout + run.stderr).contains(bad.message), "\(run.stdout)\(run.stderr)")
        #expect(!project.exists("data/matched"))
    }

    @Test func emptyInputsGiveAnEmptyOrNullFilledOutput() throws {
        let project = try Self.project(Self.asofYAML(direction: "nearest", memory: "1GiB"))
        let emptied = try TestEnvironment.python(
            "import pyarrow.parquet as pq, sys; t = pq.read_table(sys.argv[1]); pq.write_table(t.slice(0, 0), sys.argv[1])",
            [project.root + "/data/model.parquet"])
        try #require(emptied.status == 0, "\(emptied.stderr)")
        let run = try project.weir("run")
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let counted = try TestEnvironment.python(
            "import duckdb, sys; print(duckdb.connect().execute('SET enable_progress_bar = false').execute(f\"select count(*), count(model_t) from '{sys.argv[1]}/*.parquet'\").fetchall()[0])",
            [project.root + "/data/matched"])
        #expect(counted.stdout == "(20000, 0)\n", "every left row, no partner: \(counted.stdout)\(counted.stderr)")
    }
}
