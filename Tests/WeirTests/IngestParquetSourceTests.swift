import Foundation
import Testing
import WeirColumns
import WeirParquet
import WeirTestSupport

@testable import Weir

/// The market-data loader of seed 001: Parquet sources found by a typed name pattern, filtered by
/// inclusive year and month ranges, missing folders skipped, unmatched names rejected.
@Suite struct IngestParquetSourceTests {
    func writeBars(_ path: String, rows: Int) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let batch = RecordBatch(columns: [
            Column(
                field: Field("ts", .timestamp(unit: .milliseconds, utc: true), nullable: false),
                storage: .int64((0..<rows).map { Int64($0) * 60_000 })),
            Column(
                field: Field("close", .float64, nullable: false),
                storage: .double((0..<rows).map { 1.1 + Double($0) / 1000 })),
        ])
        let writer = try ParquetWriter(path: path, schema: batch.schema)
        try writer.write(batch)
        try writer.close()
    }

    @Test func stagesParquetFilesInTheSelectedYearsAndMonths() throws {
        let root = try TemporaryDirectory()
        for year in [2013, 2014, 2015, 2016, 2017] {
            for month in [1, 5, 9] {
                try writeBars(root.path + "/raw/\(year)/EURUSD_M1_H4_\(year)_\(month)_a1b2.parquet", rows: 10)
            }
        }
        try writeBars(root.path + "/raw/2015/notes.parquet", rows: 1)
        var configuration = IngestConfiguration(
            source: root.path + "/raw", output: root.path + "/bars",
            pattern: try FilenamePattern(
                "{folder:int}/{symbol}_{timeframe}_{horizon}_{year:int}_{month:int}_{hash}.parquet"))
        configuration.filters = [
            "year": try FieldFilter.parse("2014..2016", field: "year", type: .int),
            "month": try FieldFilter.parse("1..6", field: "month", type: .int),
        ]
        configuration.partitionBy = ["symbol", "year"]
        configuration.configurationDigest = "bars"
        let result = try IngestRunner(configuration: configuration).run(
            IngestRunner.Context(session: "s", weirVersion: "0.1.0"))
        #expect(result.summary.staged == 6)
        #expect(result.summary.filteredOut == 9)
        #expect(result.summary.rejected == 1)
        let staged = result.rows.filter { $0.status == .staged }.sorted { $0.sourcePath < $1.sourcePath }
        #expect(
            staged.map { $0.fields["month"] } == Array(repeating: [Value.int(1), .int(5)], count: 3).flatMap { $0 })
        #expect(staged.allSatisfy { $0.dataPath!.hasPrefix("symbol=EURUSD/year=201") && $0.rows == 10 })
        let part = try ParquetFileReader(path: root.path + "/bars/" + staged[0].dataPath!)
        #expect(part.schema.fields.map(\.name) == ["ts", "close"])
        #expect(result.rows.first { $0.status == .rejected }?.sourcePath == "2015/notes.parquet")
    }

    /// A Parquet source whose column has `type` (one row of `value`).
    func writeColumn(_ path: String, _ column: Column) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try ParquetWriter.write(RecordBatch(columns: [column]), to: path)
    }

    @Test func parquetSourcesKeepTheDatasetsSchema() throws {
        let root = try TemporaryDirectory()
        let price = { (storage: ColumnStorage, type: ColumnType) in
            Column(field: Field("price", type), storage: storage)
        }
        try writeColumn(root.path + "/raw/a.parquet", price(.double([1.5]), .float64))
        try writeColumn(root.path + "/raw/b.parquet", price(.double([2.5]), .float64))
        try writeColumn(root.path + "/raw/c.parquet", price(.int32([3]), .int32))
        try writeColumn(root.path + "/raw/d.parquet", price(.bytes(ByteArrays(["n/a"])), .string))
        var configuration = IngestConfiguration(
            source: root.path + "/raw", output: root.path + "/out", pattern: try FilenamePattern("{name}.parquet"))
        configuration.configurationDigest = "prices"
        let context = IngestRunner.Context(session: "s", weirVersion: "0.1.0")
        let result = try IngestRunner(configuration: configuration).run(context)
        let rows = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.sourcePath, $0) })
        // The integer file is widened into the batch's double; the text one does not fit.
        #expect(rows["c.parquet"]?.status == .staged)
        let part = try ParquetFileReader(path: root.path + "/out/" + rows["c.parquet"]!.dataPath!)
        #expect(part.schema.fields.map(\.type) == [.float64])
        #expect(
            rows["d.parquet"]?.reason
                == "The file cannot be staged: its column 'price' is string but double in the dataset's schema. "
                + "Convert the column in the file, or declare its type in the stage's 'schema' if the dataset should "
                + "change.")
        // A later integer file fits the double column too.
        try writeColumn(root.path + "/raw/e.parquet", price(.int64([5]), .int64))
        let later = try IngestRunner(configuration: configuration).run(context)
        #expect(later.rows.first { $0.sourcePath == "e.parquet" }?.status == .staged)
        #expect(
            try DatasetSchemaStore(layout: DatasetLayout(root: root.path + "/out")).current()?.kind(nil)?.version == 1)
    }
}
