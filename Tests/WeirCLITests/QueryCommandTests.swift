import Foundation
import Testing
import Weir
import WeirTestSupport

@Suite struct QueryCommandTests {
    let fixture: QueryFixture

    init() throws {
        fixture = try QueryFixture()
    }

    @Test func aChipHistoryIsOneCommand() throws {
        let (chip, count) = try fixture.busiestChip()
        let arguments = [
            "query", "data/stage", "--manifest", "--where", "chip_number = \(chip)", "--order-by", "start_time",
            "--seq-by", "chip_number", "--select", "seq,start_time_local_date,proc,source_path",
        ]
        let result = try fixture.weir(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("seq  start_time_local_date  proc") == true)
        #expect(lines.last == "(\(count) \(count == 1 ? "row" : "rows"))")
        #expect(lines.count == count + 3)
        let seqs = lines.dropFirst(2).dropLast().map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(seqs == (1...count).map(String.init))

        // The same rows as the library's query, in every text format.
        let query = Query(
            filter: try QueryExpression.parse("chip_number = \(chip)"), orderBy: [.init("start_time")],
            seqBy: ["chip_number"], select: ["seq", "start_time_local_date", "proc", "source_path"])
        let expected = try query.run(on: .manifest(try fixture.dataset, snapshot: nil)).batch
        for format in [QueryOutputFormat.table, .csv, .jsonl, .json] {
            let output = try fixture.weir(arguments + ["--format", format.rawValue])
            #expect(output.status == 0)
            #expect(output.stdout == String(decoding: try QueryOutput.bytes(expected, format: format), as: UTF8.self))
        }
    }

    @Test func theDataIsQueriedWithTheHiveColumns() throws {
        let result = try fixture.weir([
            "query", fixture.stage, "--where", "proc = 'IV' and vsd_v >= 0", "--order-by", "run_id,vsd_v desc",
            "--select", "proc,date,run_id,vsd_v", "--limit", "3", "--format", "csv",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "proc,date,run_id,vsd_v")
        for line in lines.dropFirst() { #expect(line.hasPrefix("IV,2025-09-")) }
        // Each IV sweep ends at 5 V, which sorts first in descending order.
        #expect(lines[1].hasSuffix(",5.0"))
    }

    @Test func theDataOfAChipIsOneCommand() throws {
        let (chip, _) = try fixture.busiestChip()
        let staged = try fixture.dataset.manifestRows().filter {
            $0.status == .staged && $0.fields["chip_number"]?.text == String(chip)
        }
        let result = try fixture.weir([
            "query", "data/stage", "--where", "manifest.chip_number = \(chip)", "--select",
            "manifest.chip_number,manifest.start_time,proc,run_id,i_a", "--format", "jsonl",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == Int(staged.reduce(0) { $0 + $1.rows }))
        #expect(lines.allSatisfy { $0.hasPrefix("{\"manifest.chip_number\":\(chip),\"manifest.start_time\":\"2025-") })
        let explain = try fixture.weir([
            "query", "data/stage", "--where", "manifest.chip_number = \(chip)", "--select", "run_id,i_a", "--explain",
        ])
        #expect(explain.stdout.contains("\(staged.count) read\n  manifest filter: manifest.chip_number = \(chip)\n"))
    }

    @Test func explainCountsWhatPushdownSkipped() throws {
        let staged = try fixture.dataset.manifestRows().filter { $0.status == .staged }
        let iv = staged.filter { $0.fields["proc"] == .string("IV") }
        let result = try fixture.weir([
            "query", "data/stage", "--where", "proc = 'IV' and i_a < 1", "--select", "run_id,i_a", "--explain",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("source: the data of the dataset 'data/stage'\n"))
        #expect(
            result.stdout.contains(
                "parts: \(staged.count) listed, \(staged.count - iv.count) pruned by the manifest, \(iv.count) read\n"
            ))
        #expect(result.stdout.contains("  manifest filter: proc = 'IV'\n"))
        #expect(result.stdout.contains("  statistics filter: i_a < 1\n"))
        #expect(result.stdout.contains("columns read: i_a\n"))
        let rows = iv.reduce(0) { $0 + $1.rows }
        #expect(result.stdout.contains("rows: \(rows) read, \(rows) matched, \(rows) returned\n"))
        let off = try fixture.weir(["query", "data/stage", "--where", "proc = 'IV'", "--explain", "--no-pushdown"])
        #expect(off.stdout.contains("parts: \(staged.count) listed, 0 pruned by the manifest"))
        #expect(off.stdout.contains("pushdown: off"))
    }

    @Test func parquetOutputReadsInPyArrowAsTheJSONLinesSay() throws {
        let out = fixture.root + "/history.parquet"
        let arguments = [
            "query", "data/stage", "--where", "proc in ('IV', 'ITS')", "--order-by", "run_id,i_a",
            "--seq-by", "run_id", "--select", "seq,run_id,proc,date,vsd_v,t_s,i_a",
        ]
        let parquet = try fixture.weir(arguments + ["--format", "parquet", "--out", out])
        #expect(parquet.status == 0, "\(parquet.stderr)")
        #expect(parquet.stdout.isEmpty)
        let jsonl = try fixture.weir(arguments + ["--format", "jsonl", "--out", fixture.root + "/history.jsonl"])
        #expect(jsonl.status == 0)
        let script = """
            import sys, json, math, datetime
            import pyarrow.parquet as pq
            table = pq.read_table(sys.argv[1])
            rows = [json.loads(line) for line in open(sys.argv[2])]
            def norm(v):
                if isinstance(v, datetime.datetime): return v.strftime('%Y-%m-%dT%H:%M:%S.%fZ')
                if isinstance(v, datetime.date): return v.isoformat()
                return v
            got = [{k: norm(v) for k, v in row.items()} for row in table.to_pylist()]
            assert table.column_names == list(rows[0].keys()), (table.column_names, list(rows[0].keys()))
            assert [str(t) for t in table.schema.types] == ['int64', 'string', 'string', 'date32[day]', 'double', 'double', 'double'], table.schema
            assert got == rows, next((a, b) for a, b in zip(got, rows) if a != b)
            print(len(got))
            """
        let check = try TestEnvironment.python(script, [out, fixture.root + "/history.jsonl"])
        #expect(check.status == 0, "\(check.stderr)")
        let staged = try fixture.dataset.manifestRows().filter {
            $0.status == .staged && [.string("IV"), .string("ITS")].contains($0.fields["proc"])
        }
        #expect(
            check.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == String(staged.reduce(0) { $0 + $1.rows }))
    }

    @Test func snapshotsAndSingleFilesAreSources() throws {
        try fixture.directory.write("raw/2025-09-02/Bare5_IV_700.csv", "# Chip number: 5\nvsd_v,i_a\n1.5,2.5\n")
        try fixture.ingest(session: "s2")
        let first = try fixture.weir([
            "query", "data/stage", "--snapshot", "1", "--select", "source_path", "--format", "csv",
        ])
        let second = try fixture.weir([
            "query", "data/stage", "--snapshot", "2", "--select", "source_path", "--format", "csv",
        ])
        #expect(first.status == 0 && second.status == 0)
        #expect(second.stdout.split(separator: "\n").count == first.stdout.split(separator: "\n").count + 1)
        #expect(second.stdout.contains("2025-09-02/Bare5_IV_700.csv"))
        #expect(!first.stdout.contains("2025-09-02/Bare5_IV_700.csv"))

        let part = try #require(
            try fixture.dataset.manifestRows().first { $0.sourcePath == "2025-09-02/Bare5_IV_700.csv" })
        let file = try fixture.weir(["query", "data/stage/" + part.dataPath!, "--format", "jsonl"])
        #expect(file.status == 0, "\(file.stderr)")
        #expect(file.stdout == "{\"vsd_v\":1.5,\"i_a\":2.5}\n")
    }

    @Test func aStageNameNamesItsOutput() throws {
        try fixture.directory.write(
            "weir.yaml", "stages:\n  stage:\n    cmd: echo staged\n    out: data/stage\n")
        let byName = try fixture.weir(["query", "stage", "--manifest", "--select", "source_path", "--format", "csv"])
        let byPath = try fixture.weir([
            "query", "data/stage", "--manifest", "--select", "source_path", "--format", "csv",
        ])
        #expect(byName.status == 0, "\(byName.stderr)")
        #expect(byName.stdout == byPath.stdout)
        let unknown = try fixture.weir(["query", "stagee", "--manifest"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("'stagee' is neither a path nor a stage of "))
        #expect(unknown.stderr.contains("one of the stages: stage."))
    }

    @Test func anIngestStageIsQueriedByName() throws {
        let project = try TemporaryDirectory("weir-query-project")
        try LabDataGenerator(files: 12, rows: 8, days: 5).write(to: project.path + "/raw")
        try project.write("weir.yaml", LabIngestYAML.text())
        let run = try TestEnvironment.weir(["run"], in: project.path)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        let arguments = [
            "--manifest", "--order-by", "start_time", "--seq-by", "chip_number", "--select", "seq,source_path",
        ]
        let byName = try TestEnvironment.weir(["query", "stage"] + arguments, in: project.path)
        let byPath = try TestEnvironment.weir(["query", "data/stage"] + arguments, in: project.path)
        #expect(byName.status == 0, "\(byName.stderr)")
        #expect(byName.stdout == byPath.stdout)
        #expect(byName.stdout.hasSuffix("(12 rows)\n"))
        let show = try TestEnvironment.weir(["dataset", "show", "stage"], in: project.path)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("files: 12 staged, 0 rejected\n"))
        let verify = try TestEnvironment.weir(["dataset", "verify", "stage", "--sources", "raw"], in: project.path)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    }

    @Test func outputFilesLeaveStandardOutputEmpty() throws {
        let result = try fixture.weir(["query", "data/stage", "--manifest", "--format", "csv", "--out", "m.csv"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let text = try String(contentsOfFile: fixture.root + "/m.csv", encoding: .utf8)
        #expect(text.hasPrefix("run_id,source_path,source_size,source_sha256,status,"))
        let manifest = try Query().run(on: .manifest(try fixture.dataset, snapshot: nil)).batch
        #expect(manifest.rowCount == 30)
        #expect(text == String(decoding: try QueryOutput.bytes(manifest, format: .csv), as: UTF8.self))
    }
}

@Suite struct QueryCommandErrorTests {
    let fixture: QueryFixture

    init() throws {
        fixture = try QueryFixture(files: 6, badFraction: 0)
    }

    @Test func anUnknownColumnSuggestsOne() throws {
        let result = try fixture.weir(["query", "data/stage", "--manifest", "--where", "chip_numbr = 67"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.hasPrefix(
                "error: The column 'chip_numbr' does not exist. Did you mean 'chip_number'? Available columns: run_id, "
            ))
        let select = try fixture.weir(["query", "data/stage", "--select", "i_a,proc,dat"])
        #expect(select.status == 2)
        #expect(select.stderr.hasPrefix("error: The column 'dat' does not exist. Did you mean 'date'?"))
    }

    @Test func aBadExpressionGivesThePosition() throws {
        let result = try fixture.weir(["query", "data/stage", "--where", "proc = = 'IV'"])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "error: The expression 'proc = = 'IV'' is invalid at character 8: expected a value, found '='.\n")
    }

    @Test func aValueThatCannotBeComparedIsAUsageError() throws {
        let result = try fixture.weir(["query", "data/stage", "--where", "date = 'yesterday'"])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "error: The value 'yesterday' cannot be compared with the column 'date', which is date. Write dates as 'YYYY-MM-DD'.\n"
        )
    }

    @Test func aMissingDatasetIsNamed() throws {
        let result = try fixture.weir(["query", "data/nothing"])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "error: 'data/nothing' is not a Weir dataset: it has no _manifest/manifest.parquet. "
                + "Run the ingest stage first, or pass a Parquet file or a folder of Parquet files.\n")
        try FileManager.default.createDirectory(atPath: fixture.root + "/empty", withIntermediateDirectories: true)
        let folder = try fixture.weir(["query", "empty"])
        #expect(folder.status == 2)
        #expect(folder.stderr.hasPrefix("error: 'empty' is not a Weir dataset"))
    }

    @Test func parquetNeedsAnOutputFile() throws {
        let result = try fixture.weir(["query", "data/stage", "--format", "parquet"])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "The format 'parquet' writes a file, not standard output. Please add '--out <file>'."))
    }

    @Test func badOptionValuesAreUsageErrors() throws {
        let limit = try fixture.weir(["query", "data/stage", "--limit=-1"])
        #expect(limit.status == 2)
        #expect(limit.stderr.contains("The value '-1' is invalid for '--limit <limit>'. Please provide 0 or more."))
        let format = try fixture.weir(["query", "data/stage", "--format", "xml"])
        #expect(format.status == 2)
        #expect(format.stderr.contains("'xml'"))
        let snapshot = try fixture.weir(["query", "data/stage", "--snapshot", "7"])
        #expect(snapshot.status == 2)
        #expect(
            snapshot.stderr
                == "error: The dataset 'data/stage' has no snapshot 7: its snapshots are 1. "
                + "Run 'weir dataset versions data/stage' to list them.\n")
    }

    @Test func aManifestOfAFileIsAUsageError() throws {
        let part = try #require(try fixture.dataset.manifestRows().first?.dataPath)
        let result = try fixture.weir(["query", "data/stage/" + part, "--manifest"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is a file, and only a dataset folder has a manifest."))
    }

    @Test func aFileThatDoesNotFitTheDatasetsTypesIsRejectedSoQueriesReadOneTable() throws {
        try fixture.directory.write("raw/2025-09-30/Bare5_IV_700.csv", "# Chip number: 5\nvsd_v,i_a\n1.5,oops\n")
        try fixture.ingest(session: "s2")
        let row = try #require(try fixture.dataset.manifestRows().first { $0.sourcePath.hasSuffix("Bare5_IV_700.csv") })
        #expect(row.status == .rejected)
        #expect(
            row.reason?.contains("its column 'i_a' is string in this file but double in the dataset's schema") == true)
        let result = try fixture.weir(["query", "data/stage", "--select", "run_id,i_a"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func anUnreadableFileIsARuntimeFailure() throws {
        try fixture.directory.write("broken.parquet", "this is not parquet")
        let result = try fixture.weir(["query", "broken.parquet"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.contains("broken.parquet"))
    }
}
