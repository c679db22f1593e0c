import Testing
import WeirColumns
import WeirTestSupport

@testable import WeirParquet

/// Present values are decoded densely, then moved to their rows around the nulls: every width of
/// value, nulls anywhere in a page, read back as written.
@Suite struct NullSpreadTests {
    static func validity(rows: Int, seed: Int) -> [Bool] {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        return (0..<rows).map { row in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Runs of nulls and of values, a null in the first and the last row.
            return row != 0 && row != rows - 1 && (state >> 33) % 7 != 0
        }
    }

    /// Dictionary-encoded and PLAIN pages (PLAIN values are copied run by run onto their rows), in
    /// pages of a few hundred rows.
    @Test(arguments: [1, 2, 3], [true, false])
    func valuesOfEveryWidthLandOnTheirRows(seed: Int, dictionary: Bool) throws {
        let rows = 5_000
        let valid = Self.validity(rows: rows, seed: seed)
        let columns = [
            Column(field: Field("b", .boolean), storage: .boolean((0..<rows).map { $0 % 3 == 0 }), validity: valid),
            Column(field: Field("i", .int32), storage: .int32((0..<rows).map { Int32($0) * 7 }), validity: valid),
            Column(field: Field("f", .float32), storage: .float((0..<rows).map { Float($0) / 4 }), validity: valid),
            Column(field: Field("l", .int64), storage: .int64((0..<rows).map { Int64($0) << 33 }), validity: valid),
            Column(field: Field("d", .float64), storage: .double((0..<rows).map { Double($0) / 8 }), validity: valid),
            Column(
                field: Field("s", .string),
                storage: .bytes(
                    ByteArrays((0..<rows).map { ["", "a", "S001", "eight by", "longer than eight"][$0 % 5] })),
                validity: valid),
        ]
        let directory = try TemporaryDirectory()
        let path = directory.file("nulls.parquet").path
        var options = ParquetWriterOptions()
        options.dictionary = dictionary
        options.dataPageSize = 2_000
        let writer = try ParquetWriter(path: path, schema: Schema(columns.map(\.field)), options: options)
        try writer.write(RecordBatch(columns: columns))
        try writer.close()
        let read = try ParquetFileReader(path: path).readRowGroup(0)
        for (index, column) in columns.enumerated() {
            let back = read.columns[index]
            #expect(back.nullCount == column.nullCount, "\(column.field.name)")
            #expect((0..<rows).allSatisfy { back.value(at: $0) == column.value(at: $0) }, "\(column.field.name)")
        }
    }

    @Test func aNullIsFoundAtAnyPosition() {
        #expect(!ColumnChunkDecoder.hasNull([]))
        for count in [1, 7, 8, 9, 16, 17, 100] {
            #expect(!ColumnChunkDecoder.hasNull([Bool](repeating: true, count: count)))
            for position in 0..<count {
                var flags = [Bool](repeating: true, count: count)
                flags[position] = false
                #expect(ColumnChunkDecoder.hasNull(flags), "\(count) flags, null at \(position)")
            }
        }
    }
}
