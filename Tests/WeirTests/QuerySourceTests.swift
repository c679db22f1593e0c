import Foundation
import Testing
import WeirColumns
import WeirParquet
import WeirTestSupport

@testable import Weir

@Suite struct QuerySourceTests {
    @Test func theDataIsThePartsTheManifestListsWithTheirHiveColumns() throws {
        let fixture = try QuerySourceFixture()
        let staged = try fixture.stagedRows()
        let result = try Query().run(on: .data(try fixture.dataset))
        let batch = result.batch
        #expect(batch.rowCount == Int(staged.reduce(0) { $0 + $1.rows }))
        #expect(result.explain.parts == staged.count)
        // Union by name: every procedure's columns, then the partition keys and run_id.
        let names = batch.schema.fields.map(\.name)
        #expect(Array(names.suffix(3)) == ["proc", "date", "run_id"])
        #expect(Set(names).isSuperset(of: ["vsd_v", "vg_v", "t_s", "i_a", "vl_v"]))
        #expect(batch.column(named: "proc")?.field.type == .string)
        #expect(batch.column(named: "date")?.field.type == .date)
        let proc = try #require(batch.column(named: "proc"))
        let runID = try #require(batch.column(named: "run_id"))
        let date = try #require(batch.column(named: "date"))
        let timeColumn = try #require(batch.column(named: "t_s"))
        for row in 0..<batch.rowCount {
            let manifestRow = try #require(staged.first { .string($0.runID) == runID.value(at: row) })
            #expect(proc.value(at: row) == manifestRow.fields["proc"])
            #expect(date.value(at: row) == manifestRow.fields["date"])
            // Parts without a column have nulls there.
            if proc.value(at: row) != .string("ITS") { #expect(timeColumn.isNull(row)) }
        }
    }

    @Test func partsTheManifestDoesNotListAreNeverRead() throws {
        let fixture = try QuerySourceFixture(files: 6, badFraction: 0)
        let before = try Query().run(on: .data(try fixture.dataset)).batch.rowCount
        // A valid part file in a folder no manifest row lists (what a killed batch leaves).
        let listed = try #require(try fixture.stagedRows().first?.dataPath)
        let orphan = fixture.stage + "/proc=IV/date=2025-09-01/run_id=0123456789abcdef"
        try FileManager.default.createDirectory(atPath: orphan, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture.stage + "/" + listed, toPath: orphan + "/part-000.parquet")
        #expect(try Query().run(on: .data(try fixture.dataset)).batch.rowCount == before)
    }

    @Test func theManifestAndItsSnapshotsAreSources() throws {
        let fixture = try QuerySourceFixture(files: 8, badFraction: 0.25)
        let first = try fixture.dataset.manifestRows()
        // A changed file and a new one make snapshot 2.
        let target = try #require(fixture.written.first { $0.defect == nil })
        let path = fixture.raw + "/" + target.relativePath
        try
            (try String(contentsOfFile: path, encoding: .utf8)
            + (target.relativePath.contains("_ITS_") ? "1,2,3\n" : "1,2\n"))
            .write(toFile: path, atomically: true, encoding: .utf8)
        try fixture.directory.write("raw/2025-09-02/Alisson67_IV_900.csv", "# Chip number: 67\nvsd_v,i_a\n1,2\n")
        try fixture.ingest(session: "s2")

        let current = try Query().run(on: .manifest(try fixture.dataset, snapshot: nil)).batch
        #expect(current.rowCount == first.count + 1)
        #expect(current.column(named: "session") != nil)
        let old = try Query().run(on: .manifest(try fixture.dataset, snapshot: 1)).batch
        #expect(old.rowCount == first.count)
        let sources = Set(old.rowValues.map { $0[old.schema.index(of: "source_path")!] })
        #expect(!sources.contains(.string("2025-09-02/Alisson67_IV_900.csv")))
        #expect(try QuerySource.open(fixture.stage, snapshot: 2).description.contains("snapshot 2"))
    }

    @Test func anyParquetFileIsASource() throws {
        let fixture = try QuerySourceFixture(files: 4, badFraction: 0)
        let row = try #require(try fixture.stagedRows().first)
        let path = fixture.stage + "/" + row.dataPath!
        guard case .file = try QuerySource.open(path) else {
            Issue.record("a file opens as a file source")
            return
        }
        let batch = try Query(select: ["i_a"]).run(on: try QuerySource.open(path)).batch
        #expect(batch.rowCount == Int(row.rows))
        #expect(batch.schema.fields.map(\.name) == ["i_a"])
    }

    @Test func aChipHistoryIsOneQueryOnTheManifest() throws {
        let fixture = try QuerySourceFixture(files: 60, rows: 5, badFraction: 0)
        let rows = try fixture.dataset.manifestRows()
        var counts: [Value: Int] = [:]
        for row in rows { if let chip = row.fields["chip_number"] { counts[chip, default: 0] += 1 } }
        let chip = try #require(counts.max { ($0.value, $0.key.text ?? "") < ($1.value, $1.key.text ?? "") }?.key)
        guard case .int(let number) = chip else {
            Issue.record("chip_number is an integer field")
            return
        }
        let query = Query(
            filter: try QueryExpression.parse("chip_number = \(number)"), orderBy: [.init("start_time")],
            seqBy: ["chip_number"], select: ["seq", "start_time_local_date", "proc", "source_path"])
        let history = try query.run(on: .manifest(try fixture.dataset, snapshot: nil)).batch
        let expected = rows.filter { $0.fields["chip_number"] == chip }.sorted {
            ValueOrdering.compare($0.fields["start_time"]!, $1.fields["start_time"]!)! < 0
        }
        #expect(history.rowCount == expected.count)
        #expect(history.schema.fields.map(\.name) == ["seq", "start_time_local_date", "proc", "source_path"])
        for (index, row) in expected.enumerated() {
            #expect(history.columns[0].value(at: index) == .int(Int64(index + 1)))
            #expect(history.columns[3].value(at: index) == .string(row.sourcePath))
            #expect(history.columns[1].value(at: index) == row.fields["start_time_local_date"])
        }
    }

    @Test func theDataOfAChipNamesItsManifestColumns() throws {
        let fixture = try QuerySourceFixture(files: 40, rows: 6, badFraction: 0)
        let staged = try fixture.stagedRows()
        let chip = try #require(staged.first { $0.fields["proc"] == .string("IV") }?.fields["chip_number"])
        let query = Query(
            filter: try QueryExpression.parse("manifest.chip_number = \(chip.text!) and proc = 'IV'"),
            orderBy: [.init("run_id"), .init("vsd_v")], select: ["manifest.chip_number", "run_id", "vsd_v", "i_a"])
        let result = try query.run(on: .data(try fixture.dataset))
        let expected = staged.filter { $0.fields["chip_number"] == chip && $0.fields["proc"] == .string("IV") }
        #expect(result.batch.rowCount == Int(expected.reduce(0) { $0 + $1.rows }))
        #expect(result.explain.partsPruned == staged.count - expected.count)
        #expect(result.explain.partitionFilter == ["manifest.chip_number = \(chip.text!)", "proc = 'IV'"])
        #expect(result.batch.schema.fields.map(\.name) == ["manifest.chip_number", "run_id", "vsd_v", "i_a"])
        #expect(result.batch.columns[0].field.type == .int64)
        for row in 0..<result.batch.rowCount { #expect(result.batch.columns[0].value(at: row) == chip) }
        let reference = try query.run(on: .data(try fixture.dataset), pushdown: false)
        #expect(reference.batch.rowValues == result.batch.rowValues)
        // Manifest columns are only added when named.
        #expect(
            try Query(limit: 1).run(on: .data(try fixture.dataset)).batch.column(named: "manifest.chip_number") == nil)
        do {
            _ = try Query(filter: try QueryExpression.parse("manifest.chip_numbr = 1")).run(
                on: .data(try fixture.dataset))
            Issue.record("an unknown manifest column is an error")
        } catch let error as QueryError {
            #expect(
                error.description.hasPrefix(
                    "The column 'manifest.chip_numbr' does not exist. Did you mean 'manifest.chip_number'?"))
            #expect(error.description.contains("manifest.source_path"))
        }
    }

    @Test func partsThatDisagreeOnAColumnTypeAreNamed() throws {
        let fixture = try QuerySourceFixture(files: 6, badFraction: 0)
        try fixture.directory.write("raw/2025-09-30/Bare5_IV_700.csv", "# Chip number: 5\nvsd_v,i_a\n1.5,2.5\n")
        try fixture.ingest(session: "s2")
        // Ingest keeps one schema, so only a part replaced by hand can hold the column as text.
        let odd = try #require(try fixture.stagedRows().first { $0.sourcePath == "2025-09-30/Bare5_IV_700.csv" })
        let path = try fixture.dataset.absolute(odd.dataPath!)
        try ParquetWriter.write(
            RecordBatch(columns: [
                Column(field: Field("vsd_v", .float64), storage: .double([1.5])),
                Column(field: Field("i_a", .string), storage: .bytes(ByteArrays(["oops"]))),
            ]), to: path)
        #expect(throws: QueryPartTypeError.self) { try Query().run(on: .data(try fixture.dataset)) }
        do {
            _ = try Query(select: ["i_a"]).run(on: .data(try fixture.dataset))
            Issue.record("parts that disagree on a type are an error")
        } catch let error as QueryPartTypeError {
            #expect(error.path == path || error.otherPath == path)
            #expect(error.description.contains("The column 'i_a' is "))
            #expect(
                error.description.hasSuffix(
                    ", and no type holds both. Declare its type in the ingest stage's schema so that every file "
                        + "agrees, or leave the column out of the query with --select."))
        }
        // An integer part among doubles is widened, not an error.
        try ParquetWriter.write(
            RecordBatch(columns: [
                Column(field: Field("vsd_v", .float64), storage: .double([1.5])),
                Column(field: Field("i_a", .int64), storage: .int64([7])),
            ]), to: path)
        let widened = try Query(select: ["i_a"]).run(on: .data(try fixture.dataset)).batch
        #expect(widened.columns[0].field.type == .float64)
        #expect((0..<widened.rowCount).contains { widened.columns[0].value(at: $0) == .double(7) })
        // Without the column the parts agree.
        #expect(try Query(select: ["vsd_v", "run_id"]).run(on: .data(try fixture.dataset)).batch.rowCount > 0)
    }

    @Test func stackingManyPartsKeepsEveryValue() throws {
        var batches: [RecordBatch] = []
        var expected: [[Value]] = []
        for part in 0..<300 {
            let rows = part % 4
            let texts = (0..<rows).map { "p\(part)-\($0)" }
            let valid = (0..<rows).map { ($0 + part) % 3 != 0 }
            batches.append(
                RecordBatch(columns: [
                    Column(field: Field("n", .int64), storage: .int64((0..<rows).map { Int64(part * 10 + $0) })),
                    Column(
                        field: Field("s", .string), storage: .bytes(ByteArrays(texts)),
                        validity: valid.allSatisfy { $0 } ? nil : valid),
                    Column(
                        field: Field("f", .fixedBinary(width: 2)),
                        storage: .fixedBytes(width: 2, data: Array(repeating: UInt8(part % 256), count: rows * 2))),
                ]))
            for row in 0..<rows {
                expected.append([
                    .int(Int64(part * 10 + row)), valid[row] ? .string(texts[row]) : .null,
                    .bytes([UInt8(part % 256), UInt8(part % 256)]),
                ])
            }
        }
        let stacked = try RecordBatch.concatenate(batches)
        #expect(stacked.rowValues == expected)
    }

    @Test func aFolderWithoutAManifestIsNotADataset() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: DatasetError.notADataset(directory.path)) { try QuerySource.open(directory.path) }
        #expect(
            DatasetError.notADataset("data/x").description
                == "'data/x' is not a Weir dataset: it has no _manifest/manifest.parquet. "
                + "Run the ingest stage first, or pass a Parquet file or a folder of Parquet files.")
        #expect(throws: DatasetError.notADataset(directory.path + "/missing")) {
            try QuerySource.open(directory.path + "/missing")
        }
    }

    @Test func aSnapshotThatIsNotKeptIsNamedWithThoseThatAre() throws {
        let fixture = try QuerySourceFixture(files: 3, badFraction: 0)
        #expect(throws: DatasetError.noSnapshot(fixture.stage, number: 4, available: [1])) {
            try QuerySource.open(fixture.stage, snapshot: 4)
        }
        #expect(
            DatasetError.noSnapshot("d", number: 9, available: [1, 2, 3, 5]).description
                == "The dataset 'd' has no snapshot 9: its snapshots are 1–3, 5. Run 'weir dataset versions d' to list them."
        )
    }

    @Test func aFileHasNoManifest() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("x.parquet", "not parquet").path
        #expect(throws: QuerySourceError.manifestOfFile(file)) { try QuerySource.open(file, manifest: true) }
        #expect(
            QuerySourceError.manifestOfFile("x.parquet").description.contains("only a dataset folder has a manifest"))
    }

    @Test func anUnknownColumnSuggestsTheClosestAmongAllParts() throws {
        let fixture = try QuerySourceFixture(files: 10, badFraction: 0)
        let query = Query(filter: try QueryExpression.parse("proc = 'IV'"), select: ["vsd_v", "t_z"])
        do {
            _ = try query.run(on: .data(try fixture.dataset))
            Issue.record("an unknown column is an error")
        } catch let error as QueryError {
            // 't_s' only exists in ITS parts, which the manifest filter skips.
            #expect(error.description.hasPrefix("The column 't_z' does not exist. Did you mean 't_s'?"))
            #expect(error.description.contains("run_id"))
        }
    }
}
