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

    /// Random nested schemas and rows generated in Python (seeded), written by pyarrow (version 1
    /// and 2 pages, dictionaries on and off, pages of a few values), polars and DuckDB: Weir reads
    /// every file with pyarrow's values, and pyarrow reads Weir's rewrite of it with the same values.
    @Test func randomPeerSchemasReadAndRewriteWithTheirValues() throws {
        let directory = try TemporaryDirectory("weir-nested-random-peers")
        let files = try InteropFiles.generate(Self.randomTables, in: directory)
        #expect(files.count >= 40)
        var rewrites: [String] = []
        for file in files {
            try InteropFiles.check(file)
            // `weir parquet cat --format jsonl` prints what pyarrow reads, through its own fast path.
            let expected = try String(
                contentsOf: file.deletingPathExtension().appendingPathExtension("jsonl"), encoding: .utf8)
            let cat = try TestEnvironment.weir(["parquet", "cat", file.path, "--format", "jsonl"])
            #expect(cat.status == 0, "\(cat.stderr)")
            if cat.stdout != expected {
                let first = zip(expected.split(separator: "\n"), cat.stdout.split(separator: "\n")).first { $0 != $1 }
                Issue.record(
                    Comment(rawValue: "\(file.lastPathComponent) cat: \(String(describing: first))"))
            }
            let reader = try ParquetFileReader(path: file.path)
            let output = directory.file("weir-" + file.lastPathComponent).path
            var options = ParquetWriterOptions()
            options.dataPageSize = file.lastPathComponent.hasPrefix("pyarrow_v2") ? 16 : 1 << 20
            options.rowGroupRows = 50
            let writer = try ParquetWriter(path: output, schema: reader.schema, options: options)
            for group in 0..<reader.rowGroupCount { try writer.write(try reader.readRowGroup(group)) }
            try writer.close()
            rewrites.append(output)
        }
        let result = try TestEnvironment.python(
            InteropPython.formatter + "\n" + #"""
                import json, sys
                import pyarrow.parquet as pq
                for path in sys.argv[1:]:
                    print(json.dumps(table_jsonl(pq.read_table(path))))
                """#, rewrites)
        try #require(result.status == 0, "\(result.stderr)")
        let texts = result.stdout.split(separator: "\n")
        try #require(texts.count == files.count)
        for (file, line) in zip(files, texts) {
            let rewritten = try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8), options: .fragmentsAllowed) as? String)
            let expected = try String(
                contentsOf: file.deletingPathExtension().appendingPathExtension("jsonl"), encoding: .utf8)
            #expect(rewritten == expected, "Weir's rewrite of \(file.lastPathComponent) read by pyarrow differs")
        }
    }

    /// Defines random nested arrow types and tables and emits each seed's table as written by
    /// several writers.
    static let randomTables = #"""
        import datetime, decimal, random
        import pyarrow as pa
        import duckdb, polars as pl

        LEAVES = [pa.bool_(), pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(),
                  pa.uint32(), pa.uint64(), pa.float32(), pa.float64(), pa.string(), pa.binary(), pa.date32(),
                  pa.timestamp('ms', tz='UTC'), pa.timestamp('us'), pa.timestamp('ns', tz='UTC'),
                  pa.decimal128(9, 2), pa.decimal128(18, 3), pa.decimal128(38, 10), pa.binary(5)]

        def random_type(r, depth):
            if depth == 0 or r.random() < 0.35:
                return r.choice(LEAVES)
            kind = r.randrange(3)
            if kind == 0:
                return pa.list_(pa.field('element', random_type(r, depth - 1), nullable=r.random() < 0.8))
            if kind == 1:
                return pa.struct([pa.field('f%d' % i, random_type(r, depth - 1), nullable=r.random() < 0.8)
                                  for i in range(1 + r.randrange(3))])
            return pa.map_(r.choice([pa.string(), pa.int32(), pa.int64()]), random_type(r, depth - 1))

        def random_value(r, t, nullable=True):
            if nullable and r.random() < 0.2:
                return None
            if pa.types.is_map(t):
                keys = []
                for _ in range(r.randrange(4)):
                    k = random_value(r, t.key_type, False)
                    if k not in keys: keys.append(k)
                return [(k, random_value(r, t.item_type, t.item_field.nullable)) for k in keys]
            if pa.types.is_list(t):
                return [random_value(r, t.value_type, t.value_field.nullable) for _ in range(r.randrange(5))]
            if pa.types.is_struct(t):
                return {t.field(i).name: random_value(r, t.field(i).type, t.field(i).nullable)
                        for i in range(t.num_fields)}
            if pa.types.is_boolean(t): return r.random() < 0.5
            if pa.types.is_integer(t):
                bits = t.bit_width
                if pa.types.is_unsigned_integer(t): return r.randrange(2 ** bits)
                return r.randrange(-2 ** (bits - 1), 2 ** (bits - 1))
            if pa.types.is_floating(t): return r.randrange(-10000, 10000) / 16
            if pa.types.is_string(t): return r.choice(['', 'a', 'héllo', '日本', 'x\ny']) + str(r.randrange(30))
            if pa.types.is_fixed_size_binary(t): return bytes(r.randrange(256) for _ in range(t.byte_width))
            if pa.types.is_binary(t): return bytes(r.randrange(256) for _ in range(r.randrange(6)))
            if pa.types.is_date(t): return datetime.date(1970, 1, 1) + datetime.timedelta(days=r.randrange(-5000, 30000))
            if pa.types.is_timestamp(t):
                seconds = r.randrange(-10**9, 3 * 10**9)
                base = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc if t.tz else None)
                return base + datetime.timedelta(seconds=seconds, milliseconds=r.randrange(1000))
            if pa.types.is_decimal(t):
                digits = ''.join(str(r.randrange(10)) for _ in range(t.precision))
                return decimal.Decimal(('-' if r.random() < 0.5 else '') + digits).scaleb(-t.scale)
            raise TypeError(t)

        def random_table(seed):
            r = random.Random(seed)
            rows = 20 + r.randrange(120)
            fields = [pa.field('c%d' % i, random_type(r, 3)) for i in range(1 + r.randrange(4))]
            columns = [pa.array([random_value(r, f.type) for _ in range(rows)], f.type) for f in fields]
            return pa.table(columns, schema=pa.schema(fields))

        def has_map(t):
            if pa.types.is_map(t): return True
            if pa.types.is_list(t): return has_map(t.value_type)
            if pa.types.is_struct(t): return any(has_map(t.field(i).type) for i in range(t.num_fields))
            return False

        for seed in range(16):
            table = random_table(seed)
            emit('pyarrow_v1_%d' % seed, lambda p: pq.write_table(table, p, row_group_size=64))
            emit('pyarrow_v2_%d' % seed, lambda p: pq.write_table(
                table, p, data_page_version='2.0', compression='zstd', use_dictionary=False, data_page_size=64,
                write_batch_size=16))
            emit('duckdb_%d' % seed, lambda p: duckdb.from_arrow(table).write_parquet(p))
            # polars has no map type.
            if not any(has_map(f.type) for f in table.schema):
                emit('polars_%d' % seed, lambda p: pl.from_arrow(table).write_parquet(p, row_group_size=50))
        """#
}
