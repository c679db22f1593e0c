import Foundation
import Testing
import Weir
import WeirTestSupport

/// `kind: resample` on an input already at `every` on the grid: passed through (said in the run's
/// console line, events and summary) with the same output as the aggregating path, which runs
/// instead as soon as two rows share a bucket; the run's figures are metrics in the state store.
@Suite struct ResamplePassthroughTests {
    /// Writes `data/ten.parquet`: four stations and a null one, every 10 minutes over two days with no
    /// gap, shuffled, with nulls and NaN; and `data/twice.parquet`: the same with one bucket read twice.
    static let writeReadings = #"""
        import random, sys, math, pyarrow as pa, pyarrow.parquet as pq, datetime as dt
        rnd = random.Random(3)
        start = dt.datetime(2025, 4, 5, tzinfo=dt.timezone.utc)
        rows = []
        for station in ["S1", "S2", "S3", "S4", None]:
            first = rnd.randrange(40)
            for step in range(first, first + 200 + rnd.randrange(60)):
                r = rnd.random()
                temp = None if r < 0.05 else (math.nan if r < 0.08 else round(rnd.uniform(-5, 30), 2))
                rows.append((station, start + dt.timedelta(minutes=10 * step), temp, rnd.choice([None, 0.0, 0.2, 1.5])))
        rnd.shuffle(rows)
        def table(rows):
            return pa.table({
                "station": [r[0] for r in rows],
                "time": pa.array([r[1] for r in rows], pa.timestamp("us", tz="UTC")),
                "temp_c": pa.array([r[2] for r in rows], pa.float64()), "rain_mm": [r[3] for r in rows]})
        pq.write_table(table(rows), sys.argv[1] + "/ten.parquet", row_group_size=300)
        pq.write_table(table(rows + [(rows[7][0], rows[7][1], 99.5, 2.0)]), sys.argv[1] + "/twice.parquet", row_group_size=300)
        """#

    /// Prints `same N` when two outputs hold the same schema and rows (NaN equal to NaN), else the difference.
    static let compare = #"""
        import math, sys, pyarrow.parquet as pq
        a, b = (pq.read_table(f"{p}/part-00000.parquet") for p in sys.argv[1:3])
        if a.schema != b.schema:
            print(f"schemas differ: {a.schema} != {b.schema}"); sys.exit(0)
        def same(x, y):
            return x == y or (isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y))
        for row, (x, y) in enumerate(zip(a.to_pylist(), b.to_pylist())):
            if not all(same(x[k], y[k]) for k in x):
                print(f"row {row}: {x} != {y}"); sys.exit(0)
        print(f"same {a.num_rows}" if a.num_rows == b.num_rows else f"{a.num_rows} rows, {b.num_rows} rows")
        """#

    static func stage(_ name: String, input: String, empty: String) -> String {
        """
          \(name):
            kind: resample
            input: data/\(input).parquet
            time: time
            every: 10m
            group_by: [station]
            aggregate: {temp_c: [count, mean, min, max, std, first, last], rain_mm: [sum, count]}
            empty: \(empty)
            out: out/\(name)

        """
    }

    @Test func anInputAtTheWidthPassesThroughAsTheAggregationWouldGiveIt() throws {
        let yaml =
            "stages:\n" + Self.stage("passed", input: "ten", empty: "skip")
            + Self.stage("aggregated", input: "ten", empty: "keep") + Self.stage("twice", input: "twice", empty: "skip")
            + Self.stage("twice_aggregated", input: "twice", empty: "keep")
        let project = try PipelineFixture(["weir.yaml": yaml])
        try FileManager.default.createDirectory(atPath: project.root + "/data", withIntermediateDirectories: true)
        let written = try TestEnvironment.python(Self.writeReadings, [project.root + "/data"])
        try #require(written.status == 0, "pyarrow failed: \(written.stderr)")
        let run = try project.weir("run")
        try #require(run.status == 0, "\(run.stdout)\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(
            lines.contains { $0.hasPrefix("[passed] ") && $0.contains("already at 10m: passed through") },
            "\(run.stdout)")
        #expect(!lines.contains { $0.hasPrefix("[aggregated] ") && $0.contains("passed through") })
        #expect(!lines.contains { $0.hasPrefix("[twice] ") && $0.contains("passed through") }, "two rows in a bucket")

        for (mine, theirs) in [("passed", "aggregated"), ("twice", "twice_aggregated")] {
            let compared = try TestEnvironment.python(
                Self.compare, [project.root + "/out/" + mine, project.root + "/out/" + theirs])
            #expect(compared.stdout.hasPrefix("same "), "\(mine): \(compared.stdout)\(compared.stderr)")
        }

        let events = try project.weir("events", "--stage", "passed")
        #expect(events.stdout.contains("resample-passthrough"), "\(events.stdout)")
        #expect(events.stdout.contains("already at 10m on the grid"), "\(events.stdout)")
        #expect(!(try project.weir("events", "--stage", "twice").stdout.contains("passthrough")))

        let metrics = try JSONValue.parse(try project.weir("metrics", "--stage", "passed", "--json").stdout)
        guard case .array(let rows) = metrics, let values = rows.first?["metrics"]?.objectValue else {
            throw FixtureError(message: "no metrics for 'passed'")
        }
        for name in ["rows_in", "rows_out", "batches_in", "bytes_out", "spill_bytes"] {
            #expect(values[name] != nil, "metric \(name) in \(values.keys.sorted())")
        }
    }
}
