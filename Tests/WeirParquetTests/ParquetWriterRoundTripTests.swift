import Testing
import WeirColumns
import WeirTestSupport

@testable import WeirParquet

/// Whether two values are the same, floats bit for bit (so NaN equals NaN and -0.0 differs from 0.0).
func writerSameValue(_ lhs: Value, _ rhs: Value) -> Bool {
    switch (lhs, rhs) {
    case (.float(let a), .float(let b)): a.bitPattern == b.bitPattern
    case (.double(let a), .double(let b)): a.bitPattern == b.bitPattern
    default: lhs == rhs
    }
}

/// Files Weir writes, read back by Weir's own reader.
@Suite struct ParquetWriterRoundTripTests {
    @Test func aRowGroupOfNullFixedWidthDecimalsReadsBack() throws {
        let directory = try TemporaryDirectory()
        let field = Field("d", .decimal(precision: 30, scale: 2))
        // Two values then a row group of one null: its page holds levels alone, fewer bytes than a value.
        let column = Column(
            field: field, storage: .fixedBytes(width: 16, data: [UInt8](repeating: 7, count: 48)),
            validity: [true, true, false])
        var options = ParquetWriterOptions()
        options.rowGroupRows = 2
        let path = directory.file("nulls.parquet").path
        let writer = try ParquetWriter(path: path, schema: Schema([field]), options: options)
        try writer.write(RecordBatch(columns: [column]))
        try writer.close()
        let reader = try ParquetFileReader(path: path)
        #expect(reader.rowGroupCount == 2)
        let last = try reader.readRowGroup(1)
        #expect(last.rowCount == 1)
        #expect(last.columns[0].value(at: 0) == .null)
    }

    @Test(arguments: ParquetWriterInteropTests.variants)
    func readerReturnsWhatTheWriterWrote(variant: ParquetWriterInteropTests.Variant) throws {
        let directory = try TemporaryDirectory()
        let columns = WriterTestTable.columns()
        let batch = WriterTestTable.batch(columns)
        var options = ParquetWriterOptions()
        options.codec = variant.codec
        options.dictionary = variant.dictionaryLimit != nil
        options.dictionaryPageSizeLimit = variant.dictionaryLimit ?? 0
        options.dataPageSize = 40
        options.rowGroupRows = 4
        let path = directory.file("round-trip.parquet").path
        let writer = try ParquetWriter(path: path, schema: batch.schema, options: options)
        try writer.write(ParquetWriterInteropTests.slice(batch, 0..<5))
        try writer.write(ParquetWriterInteropTests.slice(batch, 5..<WriterTestTable.rowCount))
        try writer.close()

        let reader = try ParquetFileReader(path: path)
        #expect(reader.schema == batch.schema)
        #expect(reader.rowGroupCount == 4)
        var rows: [[Value]] = Array(repeating: [], count: columns.count)
        for group in 0..<reader.rowGroupCount {
            let read = try reader.readRowGroup(group)
            for (index, column) in read.columns.enumerated() {
                rows[index] += (0..<column.count).map { column.value(at: $0) }
            }
        }
        for (index, column) in columns.enumerated() {
            #expect(rows[index].count == column.values.count, "\(column.field.name) row count")
            for (row, (actual, expected)) in zip(rows[index], column.values).enumerated() {
                #expect(
                    writerSameValue(actual, expected),
                    "\(variant) \(column.field.name) row \(row): \(actual) ≠ \(expected)")
            }
        }
    }
}
