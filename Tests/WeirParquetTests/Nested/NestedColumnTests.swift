import Foundation
import Testing
import WeirColumns
import WeirParquet
import WeirTestSupport

/// Nested columns (lists, structs, maps) written by pyarrow, DuckDB and polars, read by Weir with
/// the values pyarrow reads.
@Suite struct NestedColumnTests {
    /// A table with nulls at every level, empty lists, and lists of structs of lists.
    static let table = #"""
        import datetime, decimal
        import pyarrow as pa
        st_type = pa.struct([('x', pa.int16()), ('y', pa.string()),
                             ('z', pa.struct([('q', pa.list_(pa.float64()))]))])
        ls_type = pa.list_(pa.struct([('a', pa.string()), ('b', pa.list_(pa.bool_()))]))
        base = pa.table({
            'id': pa.array([1, 2, 3, 4], pa.int32()),
            'l': pa.array([[1, None, 2], [], None, [3]], pa.list_(pa.int64())),
            'll': pa.array([[[1], [], None], None, [[None, 2]], []], pa.list_(pa.list_(pa.int32()))),
            'm': pa.array([[('a', 1), ('b', None)], None, [], [('c', 3)]], pa.map_(pa.string(), pa.int32())),
            'st': pa.array([{'x': 1, 'y': 'p', 'z': {'q': [1.5, None]}}, None,
                            {'x': None, 'y': None, 'z': None}, {'x': 4, 'y': 'w', 'z': {'q': None}}], st_type),
            'ls': pa.array([[{'a': 'u', 'b': [True]}, None], None, [], [{'a': None, 'b': None}]], ls_type),
            'kinds': pa.array([[datetime.datetime(2024, 1, 2, 3, 4, 5)], [None], None, []],
                              pa.list_(pa.timestamp('ms', tz='UTC'))),
            'dec': pa.array([{'d': decimal.Decimal('1.25'), 'b': b'\x00\xff'}, None, {'d': None, 'b': b''}, None],
                            pa.struct([('d', pa.decimal128(9, 2)), ('b', pa.binary())])),
            'req': pa.array([[1], [2, 3], [], [4]], pa.list_(pa.field('element', pa.int64(), nullable=False))),
            'name': pa.array(['a', None, 'c', 'd']),
        })
        big = pa.concat_tables([base] * 700)
        """#

    @Test func pyarrowFilesReadWithPyarrowsValues() throws {
        let directory = try TemporaryDirectory("weir-nested-pyarrow")
        let files = try InteropFiles.generate(
            Self.table + "\n" + #"""
            emit('v1_snappy', lambda p: pq.write_table(base, p))
            emit('v2_zstd', lambda p: pq.write_table(big, p, data_page_version='2.0', compression='zstd'))
            emit('plain_gzip_small_pages', lambda p: pq.write_table(
                big, p, use_dictionary=False, compression='gzip', data_page_size=256, write_batch_size=64,
                row_group_size=1000))
            emit('v2_uncompressed_small_pages', lambda p: pq.write_table(
                big, p, data_page_version='2.0', compression='none', data_page_size=128, write_batch_size=32,
                column_encoding={'id': 'DELTA_BINARY_PACKED', 'name': 'DELTA_BYTE_ARRAY'}, use_dictionary=False))
            """#, in: directory)
        #expect(files.count == 4)
        for file in files { try InteropFiles.check(file) }
    }

    @Test func duckdbAndPolarsFilesReadWithPyarrowsValues() throws {
        let directory = try TemporaryDirectory("weir-nested-peers")
        let files = try InteropFiles.generate(
            Self.table + "\n" + #"""
            import duckdb, polars as pl
            def duck(path):
                duckdb.sql('''COPY (SELECT i AS id,
                    CASE WHEN i % 3 = 0 THEN NULL ELSE [i, NULL, i * 2] END AS l,
                    {'x': i / 2, 'y': CASE WHEN i % 2 = 0 THEN NULL ELSE 'v' || i END} AS s,
                    MAP {'k': i, 'j': NULL} AS m,
                    [[i], [], NULL] AS ll
                    FROM range(2000) t(i)) TO 'PATH' (FORMAT parquet)'''.replace('PATH', path))
            emit('duckdb', duck)
            emit('polars', lambda p: pl.from_arrow(base.select(['id', 'l', 'll', 'st', 'ls', 'name'])).write_parquet(p))
            """#, in: directory)
        #expect(files.count == 2)
        for file in files { try InteropFiles.check(file) }
    }

    @Test func schemaHasNestedFieldsReadByTopLevelName() throws {
        let directory = try TemporaryDirectory("weir-nested-schema")
        let files = try InteropFiles.generate(
            Self.table + "\nemit('nested', lambda p: pq.write_table(base, p))", in: directory)
        let file = try #require(files.first)
        let reader = try ParquetFileReader(path: file.path)
        #expect(
            reader.schema.fields.map(\.type.name) == [
                "int32", "list<int64>", "list<list<int32>>", "map<string, int32>",
                "struct<x: int16, y: string, z: struct<q: list<double>>>", "list<struct<a: string, b: list<bool>>>",
                "list<timestamp[ms, UTC]>", "struct<d: decimal(9,2), b: binary>", "list<int64>", "string",
            ])
        #expect(reader.schema.fields[8].type == .list(Field("element", .int64, nullable: false)))
        #expect(reader.columns.map(\.nesting)[0...4] == [nil, "LIST", "LIST", "MAP", "MAP"])

        let batch = try reader.readRowGroup(0, columns: ["st", "id"])
        #expect(batch.schema.fields.map(\.name) == ["st", "id"])
        #expect(
            InteropFiles.jsonl(batch.slice(0..<2))
                == #"{"st":{"x":1,"y":"p","z":{"q":[1.5,null]}},"id":1}"# + "\n" + #"{"st":null,"id":2}"# + "\n")

        let inner = try #require(throws: ParquetError.self) { try reader.readRowGroup(0, columns: ["id", "st.y"]) }
        #expect(inner.kind == .invalidArgument)
        #expect(
            inner.message
                == "The column 'st.y' is inside the nested column 'st'; Weir reads nested columns whole. Select 'st' "
                + "instead.")
        #expect(inner.path == file.path)
    }

    @Test func nestedColumnsGatherAndConcatenate() throws {
        let directory = try TemporaryDirectory("weir-nested-gather")
        let files = try InteropFiles.generate(
            Self.table + "\nemit('nested', lambda p: pq.write_table(base, p))", in: directory)
        let reader = try ParquetFileReader(path: try #require(files.first).path)
        let batch = try reader.readRowGroup(0)
        let reversed = batch.gather([3, 2, 1, 0])
        let lines = InteropFiles.jsonl(batch).split(separator: "\n")
        #expect(InteropFiles.jsonl(reversed).split(separator: "\n") == Array(lines.reversed()))
        let doubled = try RecordBatch.concatenate([batch.slice(1..<4), batch.slice(0..<2)])
        #expect(InteropFiles.jsonl(doubled).split(separator: "\n") == Array(lines[1...3] + lines[0...1]))
        let nulls = Column.nulls(batch.schema.fields[4], count: 2)
        #expect(nulls.value(at: 1) == .null)
        #expect(Column.empty(batch.schema.fields[5]).count == 0)
    }
}
