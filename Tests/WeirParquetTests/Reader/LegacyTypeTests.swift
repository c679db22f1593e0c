import Foundation
import Testing
import WeirColumns
import WeirParquet
import WeirTestSupport

@Suite struct LegacyTypeTests {
    /// Files from writers that predate logical types carry converted types only; stripping the
    /// logical types from a pyarrow footer gives such a file with known contents.
    @Test func convertedTypesAloneGiveTheSameValues() throws {
        let directory = try TemporaryDirectory("weir-legacy")
        let files = try InteropFiles.generate(
            #"""
            table = sample_table(with_float16=False).select(
                ['i8', 'i16', 'u8', 'u16', 'u32', 'u64', 'str', 'date', 'dec9', 'dec18', 'dec30'])
            table = table.append_column('ts_ms_utc', table.column('date').cast('int32').cast('int64').cast(
                pa.timestamp('ms', tz='UTC')))
            emit('legacy', lambda p: pq.write_table(table, p, store_decimal_as_integer=True, coerce_timestamps='ms'))
            """#, in: directory)
        let file = try #require(files.first)
        let original = try [UInt8](Data(contentsOf: file))
        let legacy = try FooterSurgery.rewrite(original) { metadata in
            for index in metadata.schema.indices { metadata.schema[index].logicalType = nil }
        }
        let stripped = try ParquetFileReader(bytes: legacy)
        #expect(stripped.metadata.schema.allSatisfy { $0.logicalType == nil })
        let modern = try ParquetFileReader(path: file.path)
        #expect(stripped.schema == modern.schema)
        #expect(
            stripped.schema.fields.map(\.type.name) == [
                "int8", "int16", "uint8", "uint16", "uint32", "uint64", "string", "date", "decimal(9,2)",
                "decimal(18,4)", "decimal(30,5)", "timestamp[ms, UTC]",
            ])
        let expected = try String(
            contentsOf: file.deletingPathExtension().appendingPathExtension("jsonl"), encoding: .utf8)
        var actual = ""
        for index in 0..<stripped.rowGroupCount { actual += InteropFiles.jsonl(try stripped.readRowGroup(index)) }
        #expect(actual == expected)
    }
}
