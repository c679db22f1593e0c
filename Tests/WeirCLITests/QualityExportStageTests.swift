import Foundation
import Testing
import WeirTestSupport

/// `kind: quality` and `kind: export` stages through the built binary: the report field by field,
/// failing and warning rules, files every peer reads back with the input's rows, and errors.
@Suite struct QualityExportStageTests {
    /// `data/readings.parquet`: 3 stations, 10-minute readings with one missing interval, a
    /// duplicated row, a null temperature and one out of range.
    static let readings = #"""
        import sys, pyarrow as pa, pyarrow.parquet as pq, datetime as dt
        start = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
        rows = []
        for s in ["A", "B", "C"]:
            for k in range(12):
                if s == "B" and k == 5: continue
                rows.append((s, start + dt.timedelta(minutes=10 * k), 10.0 + k))
        rows.append(("A", start, 10.0))
        rows[3] = ("A", rows[3][1], None)
        rows[20] = ("B", rows[20][1], 99.5)
        pq.write_table(pa.table({
            "station": [r[0] for r in rows],
            "time": pa.array([r[1] for r in rows], pa.timestamp("us", tz="UTC")),
            "temp_c": [r[2] for r in rows]}), sys.argv[1], row_group_size=7)
        """#

    static func project(_ stages: String) throws -> PipelineFixture {
        let project = try PipelineFixture(["weir.yaml": "stages:\n" + stages])
        try FileManager.default.createDirectory(atPath: project.root + "/data", withIntermediateDirectories: true)
        let made = try TestEnvironment.python(readings, [project.root + "/data/readings.parquet"])
        guard made.status == 0 else { throw FixtureError(message: made.stderr) }
        return project
    }

    static let checked = """
          checked:
            kind: quality
            input: data/readings.parquet
            group_by: [station]
            rules:
              - {check: not_null, columns: [time, temp_c], mostly: 0.9}
              - {check: range, column: temp_c, min: -60, max: 60, mostly: 0.9}
              - {check: unique, columns: [station, time]}
              - {check: time_gaps, column: time, every: 10m, severity: warn}
              - {check: row_count, min: 1}
              - {check: accepted_values, column: station, values: [A, B, C]}
              - {check: schema, columns: {temp_c: double, time: timestamp_utc}}
            out: data/checked

        """

    func report(_ project: PipelineFixture, _ path: String = "data/checked/quality.json") throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(project.read(path).utf8)) as? [String: Any])
    }

    @Test func theReportSaysWhatEachRuleFoundAndWarningsPass() throws {
        let project = try Self.project(
            Self.checked.replacingOccurrences(
                of: "{check: unique, columns: [station, time]}",
                with: "{check: unique, columns: [station, time], severity: warn}"))
        let run = try project.weir("run")
        #expect(run.status == 0, "\(run.stderr)")
        let report = try report(project)
        #expect(report["status"] as? String == "warn")
        let rules = try #require(report["rules"] as? [[String: Any]])
        #expect(
            rules.map { $0["check"] as? String } == [
                "not_null", "range", "unique", "time_gaps", "row_count", "accepted_values", "schema",
            ])
        #expect(rules.map { $0["status"] as? String } == ["pass", "pass", "warn", "warn", "pass", "pass", "pass"])
        // not_null: one null of 36 rows.
        #expect(rules[0]["failed"] as? Int == 1 && rules[0]["total"] as? Int == 36)
        #expect(rules[0]["columns"] as? [String] == ["time", "temp_c"])
        #expect((rules[0]["samples"] as? [[String: Any]])?.first?["station"] as? String == "A")
        // range: 1 of 35 non-null values out, allowed by mostly 0.9.
        #expect(
            rules[1]["failed"] as? Int == 1 && rules[1]["total"] as? Int == 35
                && rules[1]["status"] as? String == "pass")
        // unique: the repeated first reading of A.
        #expect(rules[2]["failed"] as? Int == 1 && rules[2]["status"] as? String == "warn")
        let groups = try #require(rules[2]["groups"] as? [[String: Any]])
        #expect(groups.count == 1 && (groups[0]["group"] as? [String: Any])?["station"] as? String == "A")
        // time_gaps: B misses one reading, a 20-minute gap.
        #expect(rules[3]["failed"] as? Int == 1 && rules[3]["largest_gap_seconds"] as? Double == 1200)
        #expect(
            rules[4]["status"] as? String == "pass" && rules[5]["failed"] as? Int == 0
                && rules[6]["failed"] as? Int == 0)
        let columns = try #require(report["columns"] as? [String: [String: Any]])
        #expect(columns["temp_c"]?["nulls"] as? Int == 1 && columns["temp_c"]?["max"] as? Double == 99.5)
        #expect(columns["station"]?["count"] as? Int == 36 && columns["station"]?["min"] as? String == "A")
        // The stage passes its input through, and its warnings are events.
        let rows = try project.weir("query", "data/checked", "--format", "csv")
        #expect(rows.stdout.split(separator: "\n").count == 37, "\(rows.stderr)")
        let events = try project.weir("events", "--stage", "checked", "--json")
        #expect(
            events.stdout.contains(
                "Rule 'time_gaps' on 'time' failed: 1 of 33 intervals longer than 10m (largest 1200 s)."),
            "\(events.stdout)")
        let runID = try #require(project.linkedRun("data/checked"))
        let show = try project.weir("show", runID)
        #expect(show.stdout.contains("  Quality report: status: warn\n"), "\(show.stdout)")
        #expect(show.stdout.contains("time_gaps"))
        let shown = try project.weir("quality", "checked")
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("status: warn"), "\(shown.stdout)")
        #expect(shown.stdout.contains("time_gaps"))
    }

    @Test func aFailingRuleFailsTheStageAndNothingDownstreamRuns() throws {
        let project = try Self.project(
            Self.checked + """
                  export:
                    kind: export
                    input: stage:checked
                    format: csv
                    file: all.csv
                    out: exports/all

                """)
        let run = try project.weir("run")
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "Stage 'checked' failed its quality rules: Rule 'unique' on 'station', 'time' failed: 1 of 36 rows repeat an earlier row's values. For example: station = A, time = 2025-01-01T00:00:00.000000Z."
            ),
            "\(run.stderr)")
        #expect(!project.exists("exports/all"))
        let kept = try report(project, ".weir/failed/checked/quality.json")
        #expect(kept["status"] as? String == "fail")
        let shown = try project.weir("quality", "checked", "--json")
        #expect(
            (try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])?["status"] as? String
                == "fail")
    }

    @Test func exportsReadBackAsTheInputsRows() throws {
        let project = try Self.project(
            """
              csv:
                kind: export
                input: data/readings.parquet
                format: csv
                compression: gzip
                file: merged.csv.gz
                out: exports/csv
              parts:
                kind: export
                input: data/readings.parquet
                format: parquet
                compression: zstd
                partition_by: [station]
                memory: 64KiB
                out: exports/parts

            """)
        let run = try project.weir("run")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(project.exists("exports/csv/merged.csv.gz"))
        #expect(project.exists("exports/parts/station=B/part-00000.parquet"))
        let script = #"""
            import sys, duckdb
            root = sys.argv[1]
            con = duckdb.connect().execute('SET enable_progress_bar = false')
            source = con.execute(f"select station, epoch_us(time), temp_c from read_parquet('{root}/data/readings.parquet') order by all").fetchall()
            csv = con.execute(f"select station, epoch_us(time::timestamptz), temp_c from read_csv('{root}/exports/csv/merged.csv.gz') order by all").fetchall()
            parts = con.execute(f"select station, epoch_us(time), temp_c from read_parquet('{root}/exports/parts/*/*.parquet', hive_partitioning=true) order by all").fetchall()
            codecs = {r[0] for r in con.execute(f"select compression from parquet_metadata('{root}/exports/parts/*/*.parquet')").fetchall()}
            print(source == csv, source == parts, sorted(codecs), len(source))
            """#
        let check = try TestEnvironment.python(script, [project.root])
        #expect(
            check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "True True ['ZSTD'] 36", "\(check.stderr)")
        // Nothing changed: nothing runs again.
        let again = try project.weir("status", "--json")
        #expect(again.stdout.contains("\"up-to-date\"") && !again.stdout.contains("will-run"))
    }

    @Test(arguments: [
        ("{check: not_nul, columns: [time]}", "'not_nul' is not allowed. Did you mean 'not_null'?"),
        (
            "{check: range, column: temp_c}",
            "Rule 'range' of stage 'checked' is missing the required key 'min'. Add it, for example 'min: 0'."
        ),
        ("{check: range, column: temp_c, min: 5, max: 1}", "It is below 'min' (5.0). Swap them."),
        ("{check: time_gaps, column: time, every: 7x}", "'7x' is not an interval."),
        ("{check: range, column: temp_c, min: 0, mostly: 2}", "'2.0' is not a share between 0 and 1"),
    ])
    func badRulesAreConfigurationErrors(rule: String, message: String) throws {
        let project = try Self.project(
            "  checked:\n    kind: quality\n    input: data/readings.parquet\n    rules:\n      - \(rule)\n    out: data/checked\n"
        )
        let result = try project.weir("status")
        #expect(result.status == 2)
        #expect(result.stderr.contains("weir.yaml:6:"), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func columnsAreCheckedAgainstTheInputBeforeAnyRow() throws {
        let project = try Self.project(
            """
              checked:
                kind: quality
                input: data/readings.parquet
                rules:
                  - {check: range, column: temp, min: 0}
                out: data/checked
              export:
                kind: export
                input: data/readings.parquet
                format: csv
                compression: zstd
                file: x.csv
                out: exports/x

            """)
        let status = try project.weir("status")
        #expect(status.status == 2)
        #expect(
            status.stderr.contains("'zstd' is not a codec for csv files. Use 'none' or 'gzip'."), "\(status.stderr)")
        try project.edit("weir.yaml", replacing: "compression: zstd", with: "compression: gzip")
        let run = try project.weir("run")
        #expect(run.status != 0)
        #expect(
            run.stderr.contains("The input has no column 'temp'. Its columns are 'station', 'time', 'temp_c'."),
            "\(run.stderr)")
    }
}
