import Foundation
import Testing
import WeirColumns
import WeirParquet
import WeirTestSupport

@Suite struct NestedColumnTests {
    private static func file(in directory: TemporaryDirectory) throws -> URL {
        let files = try InteropFiles.generate(
            #"""
            import pyarrow as pa
            table = pa.table({
                'id': pa.array([1, 2, 3], pa.int32()),
                'l': pa.array([[1, 2], [], None], pa.list_(pa.int64())),
                'm': pa.array([[('a', 1)], None, []], pa.map_(pa.string(), pa.int32())),
                'st': pa.array([{'x': 1, 'y': 'p'}, None, {'x': 3, 'y': None}],
                               pa.struct([('x', pa.int16()), ('y', pa.string())])),
                'name': pa.array(['a', None, 'c']),
            })
            pq.write_table(table, out + '/nested.parquet')
            """#, in: directory)
        return try #require(files.first)
    }

    @Test func flatColumnsAreReadAndNestedOnesRefusedByName() throws {
        let directory = try TemporaryDirectory("weir-nested")
        let file = try Self.file(in: directory)
        let reader = try ParquetFileReader(path: file.path)
        #expect(reader.schema.fields.map(\.name) == ["id", "name"])
        #expect(
            reader.columns.map(\.name) == [
                "id", "l.list.element", "m.key_value.key", "m.key_value.value", "st.x", "st.y", "name",
            ])
        #expect(reader.columns.map(\.nesting) == [nil, "LIST", "MAP", "MAP", "STRUCT", "STRUCT", nil])
        let batch = try reader.readRowGroup(0)
        #expect(
            InteropFiles.jsonl(batch)
                == "{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":null}\n{\"id\":3,\"name\":\"c\"}\n")

        let refusals = [
            ("l", "Column 'l.list.element' is nested (LIST)"),
            ("m", "Column 'm.key_value.key' is nested (MAP)"),
            ("st", "Column 'st.x' is nested (STRUCT)"),
            ("st.y", "Column 'st.y' is nested (STRUCT)"),
        ]
        for (name, start) in refusals {
            let error = try #require(throws: ParquetError.self) { try reader.readRowGroup(0, columns: ["id", name]) }
            #expect(error.kind == .unsupported)
            #expect(error.message == start + "; Weir reads flat columns only. Select other columns with --columns.")
            #expect(error.path == file.path)
        }

        let unknown = try #require(throws: ParquetError.self) { try reader.readRowGroup(0, columns: ["nope"]) }
        #expect(unknown.kind == .invalidArgument)
        #expect(unknown.message == "The file has no column 'nope'. Available columns: 'id', 'name'.")
    }
}
