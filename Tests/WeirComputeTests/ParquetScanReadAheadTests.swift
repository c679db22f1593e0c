import Foundation
import Testing
import WeirColumns
import WeirCompute
import WeirParquet
import WeirTestSupport

/// Reading row groups ahead changes when they are read, never what is read; the estimate that
/// decides how far to read ahead follows the columns asked for.
@Suite struct ParquetScanReadAheadTests {
    /// Two files of small row groups in one folder.
    static func files(in folder: TemporaryDirectory) throws -> [RecordBatch] {
        let batches = RandomTable.batches(seed: 7, rows: 2_000, batchRows: 300)
        var options = ParquetWriterOptions()
        options.rowGroupRows = 170
        for (index, part) in [batches[..<3], batches[3...]].enumerated() {
            let writer = try ParquetWriter(
                path: folder.file("part-\(index).parquet").path, schema: RandomTable.schema, options: options)
            for batch in part { try writer.write(batch) }
            try writer.close()
        }
        return batches
    }

    @Test(arguments: [0, 1, 2, 5])
    func everyReadAheadGivesTheSameBatchesInOrder(readAhead: Int) throws {
        let folder = try TemporaryDirectory()
        let written = try Self.files(in: folder)
        var scan = try ParquetScan(paths: [folder.path])
        scan.readAhead = readAhead
        var read: [RecordBatch] = []
        while let batch = try scan.next() {
            #expect(batch.rowCount <= 170)
            read.append(batch)
        }
        #expect(read.count == 13, "6 + 7 row groups of at most 170 rows")
        // Compared as text, where NaN equals NaN.
        let same = read.flatMap(RandomTable.rows).map { "\($0)" } == written.flatMap(RandomTable.rows).map { "\($0)" }
        #expect(same, "the rows read equal the rows written, in order")
    }

    @Test func theEstimateGrowsWithTheColumnsRead() throws {
        let folder = try TemporaryDirectory()
        _ = try Self.files(in: folder)
        let all = try ParquetScan(paths: [folder.path])
        let one = try ParquetScan(paths: [folder.path], columns: ["station"])
        #expect(one.largestRowGroupBytes >= 170 * 12, "12 bytes a value at least")
        #expect(all.largestRowGroupBytes > one.largestRowGroupBytes)
        let reader = try ParquetFileReader(path: folder.file("part-0.parquet").path)
        #expect(reader.estimatedBytes(ofRowGroup: reader.rowGroupCount, columns: nil) == 0, "no such row group")
    }

    @Test func prefetchSwitchesReadingAheadOffAndOn() throws {
        let folder = try TemporaryDirectory()
        _ = try Self.files(in: folder)
        var scan = try ParquetScan(paths: [folder.path])
        #expect(scan.readAhead == 1 && scan.prefetch)
        scan.prefetch = false
        #expect(scan.readAhead == 0)
        scan.readAhead = 2
        scan.prefetch = true
        #expect(scan.readAhead == 2, "switching on keeps a deeper read-ahead")
    }
}
