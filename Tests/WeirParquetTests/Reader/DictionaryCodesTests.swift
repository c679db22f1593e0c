import Testing
import WeirColumns
import WeirTestSupport

@testable import WeirParquet

/// Dictionary indices kept beside the decoded values when a caller asks for them: present only
/// where every page of a chunk is dictionary-encoded and no row is null, and always describing the
/// values exactly.
@Suite struct DictionaryCodesTests {
    /// A file of four columns in row groups of `rows`: few distinct texts, times and doubles, and a
    /// text column with nulls; plus a column of distinct doubles, which the writer stores PLAIN.
    static func write(rows: Int, to path: String) throws {
        let fields = [
            Field("station", .string, nullable: false), Field("time", .timestamp(unit: .microseconds, utc: true)),
            Field("value", .float64), Field("note", .string), Field("noise", .float64),
        ]
        var options = ParquetWriterOptions()
        options.rowGroupRows = rows
        let writer = try ParquetWriter(path: path, schema: Schema(fields), options: options)
        let total = rows * 2
        let columns = [
            Column(field: fields[0], storage: .bytes(ByteArrays((0..<total).map { "st-\($0 * 7 % 5)" }))),
            Column(field: fields[1], storage: .int64((0..<total).map { Int64($0 % 13) * 60_000_000 })),
            Column(field: fields[2], storage: .double((0..<total).map { Double($0 % 3) / 2 })),
            Column(
                field: fields[3], storage: .bytes(ByteArrays((0..<total).map { $0 % 4 == 0 ? "" : "n\($0 % 2)" })),
                validity: (0..<total).map { $0 % 4 != 0 }),
            Column(field: fields[4], storage: .double((0..<total).map { Double($0) * 1.000_1 + 0.5 })),
        ]
        try writer.write(RecordBatch(columns: columns))
        try writer.close()
    }

    @Test func codesDescribeEveryRowOfDictionaryEncodedColumnsWithoutNulls() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("codes.parquet").path
        try Self.write(rows: 3_000, to: path)
        let reader = try ParquetFileReader(path: path)
        for group in 0..<reader.rowGroupCount {
            let kept = try reader.readRowGroup(group, keepingDictionaryCodes: true)
            let plain = try reader.readRowGroup(group)
            #expect(kept == plain, "codes are not part of a column's value")
            #expect(plain.columns.allSatisfy { $0.dictionary == nil }, "only kept when asked")
            for index in [0, 1, 2] {
                let column = kept.columns[index]
                let codes = try #require(column.dictionary, "column \(column.field.name)")
                #expect(codes.codes.count == column.count)
                let entries = Column(field: column.field, storage: codes.values)
                for row in 0..<column.count {
                    #expect(entries.value(at: Int(codes.codes[row])) == column.value(at: row))
                }
            }
            #expect(kept.columns[3].dictionary == nil, "a column with nulls has no codes")
            #expect(kept.columns[4].dictionary == nil, "a PLAIN column has no codes")
        }
    }

    @Test func settingTheStorageDropsTheCodes() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("codes.parquet").path
        try Self.write(rows: 100, to: path)
        var column = try ParquetFileReader(path: path).readRowGroup(0, keepingDictionaryCodes: true).columns[1]
        #expect(column.dictionary != nil)
        column.field = Field("renamed", column.field.type)
        #expect(column.dictionary != nil, "renaming keeps the values")
        column.storage = .int64([Int64](repeating: 1, count: column.count))
        #expect(column.dictionary == nil)
    }
}
