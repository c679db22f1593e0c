import Foundation
import Testing
import Weir
import WeirTestSupport

/// A dataset keeps one schema (SPEC §10 "Dataset schema"), through the binary: stray words in a
/// number column, added columns, widening, frozen schemas, readers across schema versions.
@Suite struct DatasetSchemaTests {
    static func file(_ chip: Int, header: String = "vsd_v,i_a", rows: [String]) -> String {
        "# Procedure: IV\n# Chip number: \(chip)\n# Start time: 2025-09-01 10:00:00\n\(header)\n"
            + rows.joined(separator: "\n") + "\n"
    }

    /// Five rows of numbers.
    static func numbers(_ chip: Int) -> [String] {
        (0..<5).map { "\(Double($0) * 0.5 + Double(chip)),\(Double($0 + 1) * 1.5e-7)" }
    }

    /// The five rows with a stray word in `i_a` on the third (line 7 of the file).
    static func stray(_ chip: Int) -> [String] {
        var rows = numbers(chip)
        rows[2] = "\(Double(chip) + 1.0),oops-4.5e-07"
        return rows
    }

    static func project(extra: String = "", files: [String: String]) throws -> PipelineFixture {
        var all = files
        all["weir.yaml"] = LabIngestYAML.text(extra: extra)
        return try PipelineFixture(all)
    }

    func manifest(_ project: PipelineFixture) throws -> [String: ManifestRow] {
        let rows = try ManifestStore.read(project.root + "/data/stage/_manifest/manifest.parquet")
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.sourcePath, $0) })
    }

    func schema(_ project: PipelineFixture) throws -> DatasetSchema {
        let layout = DatasetLayout(root: project.root + "/data/stage")
        return try #require(try DatasetSchemaStore(layout: layout).current())
    }

    /// `weir query data/stage` as JSON rows.
    func query(_ project: PipelineFixture, _ arguments: String...) throws -> [[String: Any]] {
        let result = try TestEnvironment.weir(
            ["query", "data/stage", "--format", "json"] + arguments, in: project.root)
        guard result.status == 0 else { throw FixtureError(message: "query failed: \(result.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    static let strayReason =
        "The file cannot be staged: its column 'i_a' is string in this file but double in the dataset's schema: the "
        + "first value that is not a double, 'oops-4.5e-07', is at line 7, column 2, byte 103. Fix the value, set "
        + "'on_bad_rows: reject' to stage the file without such rows, or declare 'schema: {i_a: string}' to keep the "
        + "column as text."

    @Test func aStrayWordInTheFirstBatchRejectsItsFileInsteadOfMakingTheColumnText() throws {
        let project = try Self.project(files: [
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1, rows: Self.numbers(1)),
            "raw/2025-09-01/Chip2_IV_2.csv": Self.file(2, rows: Self.numbers(2)),
            "raw/2025-09-01/Chip3_IV_3.csv": Self.file(3, rows: Self.stray(3)),
        ])
        try project.run()
        let rows = try manifest(project)
        #expect(rows["2025-09-01/Chip3_IV_3.csv"]?.status == .rejected)
        #expect(rows["2025-09-01/Chip3_IV_3.csv"]?.reason == Self.strayReason)
        #expect(rows["2025-09-01/Chip1_IV_1.csv"]?.status == .staged)
        let kind = try #require(try schema(project).kind(nil))
        #expect(kind.columns.map(\.type) == ["double", "double"])
        #expect(kind.version == 1)
        #expect(kind.history.map(\.changes) == [[SchemaChange(change: .created)]])
        // The whole dataset reads as one table.
        let data = try query(project, "--select", "i_a")
        #expect(data.count == 10)
        #expect(data.allSatisfy { $0["i_a"] is Double })
        #expect(try project.weir("dataset", "verify", "data/stage").status == 0)
    }

    @Test func inRejectModeOnlyTheStrayRowIsSetAside() throws {
        let project = try Self.project(
            extra: "on_bad_rows: reject",
            files: [
                "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1, rows: Self.numbers(1)),
                "raw/2025-09-01/Chip2_IV_2.csv": Self.file(2, rows: Self.numbers(2)),
                "raw/2025-09-01/Chip3_IV_3.csv": Self.file(3, rows: Self.stray(3)),
            ])
        try project.run()
        let row = try #require(try manifest(project)["2025-09-01/Chip3_IV_3.csv"])
        #expect(row.status == .staged)
        #expect(row.rows == 4)
        #expect(row.rejectedRows == 1)
        let rejects = try project.weir("query", "data/stage/_rejects", "--format", "json")
        let list = try JSONSerialization.jsonObject(with: Data(rejects.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(list.count == 1)
        #expect(list.first?["line"] as? Int == 7)
        #expect(
            list.first?["reason"] as? String
                == "The value 'oops-4.5e-07' does not fit the column's type double. Fix the value, or declare the "
                + "column as 'string'. The dataset's schema has 'i_a' as double.")
        #expect(try query(project, "--select", "i_a").count == 14)
    }

    @Test func aStrayWordInALaterBatchIsCheckedAgainstTheKeptSchema() throws {
        for mode in ["fail", "reject"] {
            let project = try Self.project(
                extra: "on_bad_rows: \(mode)",
                files: [
                    "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1, rows: Self.numbers(1))
                ])
            try project.run()
            // Alone in its batch, the file would have made 'i_a' text.
            try project.write("raw/2025-09-01/Chip3_IV_3.csv", Self.file(3, rows: Self.stray(3)))
            try project.run()
            let row = try #require(try manifest(project)["2025-09-01/Chip3_IV_3.csv"])
            if mode == "fail" {
                #expect(row.status == .rejected)
                #expect(row.reason == Self.strayReason)
            } else {
                #expect(row.status == .staged && row.rows == 4 && row.rejectedRows == 1)
            }
            #expect(try schema(project).kind(nil)?.version == 1)
            #expect(try query(project, "--select", "i_a").allSatisfy { $0["i_a"] is Double })
        }
    }

    @Test func aNewColumnJoinsTheSchemaAndOlderPartsReadItAsNull() throws {
        let project = try Self.project(files: [
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1, rows: Self.numbers(1))
        ])
        try project.run()
        let firstRun = try #require(project.linkedRun("data/stage"))
        try project.write(
            "raw/2025-09-02/Chip2_IV_2.csv",
            Self.file(2, header: "vsd_v,i_a,temp_c", rows: Self.numbers(10).map { $0 + ",21.5" }))
        try project.run()
        let kind = try #require(try schema(project).kind(nil))
        #expect(kind.version == 2)
        #expect(kind.columns.map(\.name) == ["vsd_v", "i_a", "temp_c"])
        let change = try #require(kind.history.last)
        #expect(change.version == 2)
        #expect(
            change.changes == [
                SchemaChange(change: .added, column: "temp_c", new: "double", file: "2025-09-02/Chip2_IV_2.csv")
            ])
        #expect(change.run != nil && change.run?.hasPrefix(firstRun) == false)
        #expect(change.snapshot == 2)
        let rows = try manifest(project)
        #expect(rows["2025-09-01/Chip1_IV_1.csv"]?.schemaVersion == 1)
        #expect(rows["2025-09-02/Chip2_IV_2.csv"]?.schemaVersion == 2)
        let data = try query(project, "--select", "vsd_v,temp_c", "--order-by", "vsd_v")
        #expect(data.count == 10)
        #expect(data.prefix(5).allSatisfy { $0["temp_c"] is NSNull })
        #expect(data.suffix(5).allSatisfy { $0["temp_c"] as? Double == 21.5 })
        let show = try project.weir("dataset", "show", "data/stage")
        #expect(show.stdout.contains("all files, version 2:"))
        #expect(show.stdout.contains("v2 ") && show.stdout.contains("added 'temp_c' (double)"))
        #expect(try project.weir("dataset", "verify", "data/stage").status == 0)
    }

    @Test func integersWidenToDoublesAndReadersConvertOlderParts() throws {
        let project = try Self.project(files: [
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1, header: "vsd_v,count", rows: ["1,10", "2,20"])
        ])
        try project.run()
        #expect(try schema(project).kind(nil)?.type(of: "count") == .int64)
        try project.write("raw/2025-09-02/Chip2_IV_2.csv", Self.file(2, header: "vsd_v,count", rows: ["3,30.5"]))
        try project.run()
        let kind = try #require(try schema(project).kind(nil))
        #expect(kind.type(of: "count") == .float64)
        #expect(kind.version == 2)
        #expect(kind.history.last?.changes.first?.text == "widened 'count' int64 → double")
        let data = try query(project, "--select", "count", "--order-by", "count")
        #expect(data.map { $0["count"] as? Double } == [10, 20, 30.5])
        #expect(try project.weir("dataset", "verify", "data/stage").status == 0)
    }

    @Test func theFirstBatchTypesAColumnFromAllItsFiles() throws {
        // Integers in two files, doubles in one: every part holds doubles.
        let project = try Self.project(files: [
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1, header: "vsd_v,count", rows: ["1,10", "2,20"]),
            "raw/2025-09-01/Chip2_IV_2.csv": Self.file(2, header: "vsd_v,count", rows: ["3,30"]),
            "raw/2025-09-01/Chip3_IV_3.csv": Self.file(3, header: "vsd_v,count", rows: ["4,4.5"]),
        ])
        try project.run()
        #expect(try schema(project).kind(nil)?.type(of: "count") == .float64)
        let script = """
            import sys, glob, pyarrow.parquet as pq
            types = {str(pq.read_schema(f).field('count').type) for f in glob.glob(sys.argv[1] + '/**/*.parquet', recursive=True) if '_manifest' not in f}
            print(sorted(types))
            """
        let check = try TestEnvironment.python(script, [project.root + "/data/stage"])
        #expect(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "['double']", "\(check.stderr)")
    }

    @Test func aFrozenSchemaRefusesNewColumnsAndWidening() throws {
        let project = try Self.project(
            extra: "schema_evolution: frozen",
            files: [
                "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1, header: "vsd_v,count", rows: ["1,10"])
            ])
        try project.run()
        try project.write("raw/2025-09-02/Chip2_IV_2.csv", Self.file(2, header: "vsd_v,count", rows: ["3,30.5"]))
        try project.write(
            "raw/2025-09-02/Chip3_IV_3.csv", Self.file(3, header: "vsd_v,count,temp_c", rows: ["3,30,1.5"]))
        try project.write("raw/2025-09-02/Chip4_IV_4.csv", Self.file(4, header: "vsd_v", rows: ["7"]))
        try project.run()
        let rows = try manifest(project)
        #expect(
            rows["2025-09-02/Chip2_IV_2.csv"]?.reason
                == "The file cannot be staged: its column 'count' holds double values where the dataset's schema has "
                + "int64, and the dataset's schema is frozen ('schema_evolution: frozen'). Set 'schema_evolution: "
                + "additive' to let it change, or fix the file.")
        #expect(
            rows["2025-09-02/Chip3_IV_3.csv"]?.reason
                == "The file cannot be staged: its column 'temp_c' (double) is not in the dataset's schema, and the "
                + "dataset's schema is frozen ('schema_evolution: frozen'). Set 'schema_evolution: additive' to let it "
                + "change, or fix the file.")
        // A missing column is not a change: it reads as null.
        #expect(rows["2025-09-02/Chip4_IV_4.csv"]?.status == .staged)
        #expect(try schema(project).kind(nil)?.version == 1)
        let data = try query(project, "--select", "vsd_v,count", "--order-by", "vsd_v")
        #expect(data.count == 2 && data[1]["count"] is NSNull)
    }

    @Test func declaringATypeWinsAndTheOptionChangeIsAReason() throws {
        let project = try Self.project(files: [
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1, rows: Self.numbers(1)),
            "raw/2025-09-01/Chip2_IV_2.csv": Self.file(2, rows: Self.numbers(2)),
            "raw/2025-09-01/Chip3_IV_3.csv": Self.file(3, rows: Self.stray(3)),
        ])
        try project.run()
        try project.edit(
            "weir.yaml", replacing: "    out: data/stage", with: "    schema: {i_a: string}\n    out: data/stage")
        let status = try project.status()
        let reason = try #require(Self.firstReason(status))
        #expect(reason["kind"]?.stringValue == "command-changed")
        #expect(reason["option"]?.stringValue == "schema")
        let text = try project.weir("status")
        #expect(text.stdout.contains("option 'schema' changed"), "\(text.stdout)")
        try project.run()
        #expect(try manifest(project)["2025-09-01/Chip3_IV_3.csv"]?.status == .staged)
        let kind = try #require(try schema(project).kind(nil))
        #expect(kind.type(of: "i_a") == .string)
        #expect(kind.history.last?.changes == [SchemaChange(change: .reset)])
        #expect(kind.version == 2)

        try project.edit(
            "weir.yaml", replacing: "    out: data/stage", with: "    schema_evolution: frozen\n    out: data/stage")
        let frozen = try project.status()
        let option = try #require(Self.firstReason(frozen))
        #expect(option["option"]?.stringValue == "schema_evolution")
        #expect(option["new"]?.stringValue == "frozen")
    }

    /// The first reason of the first stage of `weir status --json`.
    static func firstReason(_ status: JSONValue) -> JSONValue? {
        guard case .array(let stages) = status, case .array(let reasons)? = stages.first?["reasons"] else { return nil }
        return reasons.first
    }

    @Test func queriesFailBeforeTheFirstRowWhenPartsDisagree() throws {
        let project = try Self.project(files: [
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1, rows: Self.numbers(1))
        ])
        try project.run()
        // A part copied in by hand with the column as text: the query names both parts and prints nothing.
        let stage = try #require(
            realpath(project.root + "/data/stage", nil).map { pointer in
                defer { free(pointer) }
                return String(cString: pointer)
            })
        let part = try #require(
            FileManager.default.subpathsOfDirectory(atPath: stage).first {
                $0.hasSuffix(".parquet") && !$0.hasPrefix("_")
            })
        let script = """
            import sys, pyarrow as pa, pyarrow.parquet as pq
            pq.write_table(pa.table({'vsd_v': [1.0], 'i_a': ['text']}), sys.argv[1])
            """
        let target = stage + "/" + part.replacingOccurrences(of: "part-000", with: "part-001")
        #expect(try TestEnvironment.python(script, [target]).status == 0)
        // A folder without a manifest: every file in it is read.
        let folder = String(target[..<target.range(of: "/date=")!.lowerBound])
        let result = try project.weir("query", folder, "--format", "csv")
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("The column 'i_a' is string in the part"), "\(result.stderr)")
        #expect(result.stderr.contains("and no type holds both"))
        // Leaving the column out of the query reads the rest.
        let other = try project.weir("query", folder, "--select", "vsd_v", "--format", "csv")
        #expect(other.status == 0)
        #expect(other.stdout.split(separator: "\n").count == 7)
    }

    @Test func verifyChecksEveryPartAgainstTheSchema() throws {
        let project = try Self.project(files: [
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1, header: "vsd_v,count", rows: ["1,10.5"])
        ])
        try project.run()
        // The schema narrowed by hand: the part's double no longer fits.
        let path = project.root + "/data/stage/_manifest/schema.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"double\"", with: "\"int64\"").utf8).write(
            to: URL(fileURLWithPath: path))
        let verify = try project.weir("dataset", "verify", "data/stage")
        #expect(verify.status == 1)
        #expect(
            verify.stdout.contains("has the column 'count' as double, but the dataset's schema has int64"),
            "\(verify.stdout)")
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
        let broken = try project.weir("dataset", "verify", "data/stage")
        #expect(broken.stdout.contains("cannot be read (it is not valid JSON"), "\(broken.stdout)\(broken.stderr)")
    }

    @Test func duckdbAndPolarsReadTheEvolvedDatasetAsWeirDoes() throws {
        let project = try Self.project(files: [
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1, header: "vsd_v,count", rows: ["1,10", "2,20"])
        ])
        try project.run()
        try project.write(
            "raw/2025-09-02/Chip2_IV_2.csv", Self.file(2, header: "vsd_v,count,temp_c", rows: ["3,30.5,1.5"]))
        try project.run()
        let weir = try query(project, "--select", "vsd_v,count,temp_c", "--order-by", "vsd_v")
        #expect(weir.count == 3)
        let script = """
            import sys, json, duckdb, polars as pl, glob
            root = sys.argv[1]
            files = sorted(f for f in glob.glob(root + '/**/part-*.parquet', recursive=True))
            d = duckdb.sql(f"select vsd_v, count, temp_c from read_parquet({files!r}, union_by_name=true) order by vsd_v")
            types = [str(t) for t in d.types]
            rows = [list(r) for r in d.fetchall()]
            p = pl.concat([pl.read_parquet(f) for f in files], how='diagonal_relaxed').select(['vsd_v', 'count', 'temp_c']).sort('vsd_v')
            print(json.dumps({'duckdb': rows, 'duckdb_types': types, 'polars': p.rows(), 'polars_types': [str(t) for t in p.dtypes]}))
            """
        let check = try TestEnvironment.python(script, [project.root + "/data/stage"])
        #expect(check.status == 0, "\(check.stderr)")
        let peers = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        let expected: [[Any]] = weir.map { [$0["vsd_v"]!, $0["count"]!, $0["temp_c"]!] }
        for name in ["duckdb", "polars"] {
            let rows = try #require(peers[name] as? [[Any]])
            #expect(rows.map { $0.map { "\($0)" } } == expected.map { $0.map { "\($0)" } }, "\(name)")
        }
        #expect(peers["duckdb_types"] as? [String] == ["BIGINT", "DOUBLE", "DOUBLE"])
        #expect(peers["polars_types"] as? [String] == ["Int64", "Float64", "Float64"])
    }

    @Test func aFileWithAnEmptyColumnDoesNotVoteAndReadsItAsTheDatasetsType() throws {
        let empty = ["1,", "2,", "3,"]
        let project = try Self.project(files: [
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(1, rows: empty),
            "raw/2025-09-01/Chip2_IV_2.csv": Self.file(2, rows: Self.numbers(2)),
        ])
        try project.run()
        #expect(try manifest(project).values.allSatisfy { $0.status == .staged })
        #expect(try schema(project).kind(nil)?.type(of: "i_a") == .float64)
        // In a later batch too, alone: the kept type reads it.
        try project.write("raw/2025-09-02/Chip3_IV_3.csv", Self.file(3, rows: empty))
        try project.run()
        #expect(try manifest(project)["2025-09-02/Chip3_IV_3.csv"]?.status == .staged)
        #expect(try schema(project).kind(nil)?.version == 1)
        #expect(try query(project, "--select", "i_a").count == 11)
    }

    @Test func timestampsWidenToAFinerUnit() throws {
        let project = try Self.project(files: [
            "raw/2025-09-01/Chip1_IV_1.csv": Self.file(
                1, header: "t,i_a", rows: ["2025-09-01 10:00:00.123456,1.5", "2025-09-01 10:00:01.5,2.5"])
        ])
        try project.run()
        #expect(try schema(project).kind(nil)?.type(of: "t") == .timestamp(unit: .microseconds, utc: true))
        try project.write(
            "raw/2025-09-02/Chip2_IV_2.csv", Self.file(2, header: "t,i_a", rows: ["2025-09-02 10:00:00.123456789,3.5"]))
        try project.run()
        let kind = try #require(try schema(project).kind(nil))
        #expect(kind.type(of: "t") == .timestamp(unit: .nanoseconds, utc: true))
        #expect(kind.history.last?.changes.first?.text == "widened 't' timestamp_us_utc → timestamp_ns_utc")
        let csv = try project.weir("query", "data/stage", "--select", "t", "--order-by", "t", "--format", "csv")
        #expect(csv.status == 0, "\(csv.stderr)")
        // Santiago is UTC-4 until its DST starts on 7 September 2025: the older part's microseconds are read as nanoseconds.
        #expect(
            csv.stdout.split(separator: "\n").map(String.init) == [
                "t", "2025-09-01T14:00:00.123456000Z", "2025-09-01T14:00:01.500000000Z",
                "2025-09-02T14:00:00.123456789Z",
            ])
    }
}
