import Foundation
import Testing
import WeirTestSupport

/// `weir parquet rewrite`, run as a user runs it.
@Suite struct ParquetRewriteTests {
    /// Writes a pyarrow file with most types, nulls and several row groups.
    private static let makeInput = """
        import sys, decimal, datetime, pyarrow as pa, pyarrow.parquet as pq
        n = 50
        table = pa.table({
            "i8": pa.array([None if i % 7 == 0 else (i * 37) % 256 - 128 for i in range(n)], pa.int8()),
            "u64": pa.array([2**64 - 1 - i for i in range(n)], pa.uint64()),
            "f": pa.array([float("nan") if i == 3 else i / 3 for i in range(n)], pa.float64()),
            "s": pa.array([None if i % 5 == 0 else "é" * (i % 4) + str(i % 6) for i in range(n)]),
            "b": pa.array([bytes([i, 255 - i]) for i in range(n)], pa.binary()),
            "d": pa.array([datetime.date(2000, 1, 1) + datetime.timedelta(days=i * 400) for i in range(n)]),
            "t": pa.array([i * 1_000_000_007 for i in range(n)], pa.timestamp("ns", tz="UTC")),
            "dec": pa.array([decimal.Decimal(i * 12345 - 300000).scaleb(-3) for i in range(n)], pa.decimal128(20, 3)),
            "ok": pa.array([i % 3 == 0 for i in range(n)]),
        })
        pq.write_table(table, sys.argv[1], row_group_size=16)
        """

    private static let compare = """
        import sys, pyarrow as pa, pyarrow.parquet as pq
        def values(column):
            if pa.types.is_timestamp(column.type): column = column.cast(pa.int64())
            return [repr(v) if isinstance(v, float) else v for v in column.to_pylist()]
        def rows(path):
            # repr keeps NaN equal to itself and -0.0 apart from 0.0.
            table = pq.read_table(path)
            return [(str(c.type), values(c)) for c in table.columns]
        same = pq.read_table(sys.argv[1]).schema == pq.read_table(sys.argv[2]).schema and rows(sys.argv[1]) == rows(sys.argv[2])
        meta = pq.ParquetFile(sys.argv[2]).metadata
        chunk = meta.row_group(0).column(3)
        print(same, meta.num_row_groups, chunk.compression, "RLE_DICTIONARY" in chunk.encodings)
        """

    @Test func rewritesAPyarrowFileWithTheSameValues() throws {
        let directory = try TemporaryDirectory()
        let input = directory.file("in.parquet").path
        try #require(try TestEnvironment.python(Self.makeInput, [input]).status == 0)

        let cases: [([String], String)] = [
            ([], "True 1 SNAPPY True"),
            (["--codec", "zstd", "--row-group-rows", "20"], "True 3 ZSTD True"),
            (["--codec", "gzip", "--no-dictionary"], "True 1 GZIP False"),
            (["--codec", "none"], "True 1 UNCOMPRESSED True"),
        ]
        for (arguments, expected) in cases {
            let output = directory.file("out.parquet").path
            let result = try TestEnvironment.weir(["parquet", "rewrite", input, output] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.hasPrefix("Wrote 50 rows in "))
            let check = try TestEnvironment.python(Self.compare, [input, output])
            #expect(check.stdout == expected + "\n", "\(arguments): \(check.stderr)")

            // Weir reads back the same rows from both files.
            let original = try TestEnvironment.weir(["parquet", "cat", input, "--format", "jsonl"])
            let rewritten = try TestEnvironment.weir(["parquet", "cat", output, "--format", "jsonl"])
            #expect(original.status == 0 && original.stdout.split(separator: "\n").count == 50)
            #expect(rewritten.stdout == original.stdout, "\(arguments)")
        }
    }

    @Test func rewritesAWeirFileAgainUnchanged() throws {
        let directory = try TemporaryDirectory()
        let input = directory.file("in.parquet").path
        let first = directory.file("first.parquet").path
        let second = directory.file("second.parquet").path
        try #require(try TestEnvironment.python(Self.makeInput, [input]).status == 0)
        #expect(try TestEnvironment.weir(["parquet", "rewrite", input, first, "--no-dictionary"]).status == 0)
        #expect(try TestEnvironment.weir(["parquet", "rewrite", first, second, "--codec", "zstd"]).status == 0)
        let check = try TestEnvironment.python(Self.compare, [first, second])
        #expect(check.stdout == "True 1 ZSTD True\n", "\(check.stderr)")
    }

    @Test func rejectsAnUnknownCodec() throws {
        let directory = try TemporaryDirectory()
        let result = try TestEnvironment.weir(
            ["parquet", "rewrite", "in.parquet", "out.parquet", "--codec", "lzo"], in: directory.path)
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(
                "Error: The value 'lzo' is invalid for '--codec <codec>'. Please provide one of 'snappy', 'zstd', 'gzip' or 'none'."
            ))
    }

    @Test func rejectsAnEmptyRowGroupSize() throws {
        let result = try TestEnvironment.weir([
            "parquet", "rewrite", "in.parquet", "out.parquet", "--row-group-rows", "0",
        ])
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(
                "Error: The value '0' is invalid for '--row-group-rows <n>'. Please provide 1 or more."))
    }

    @Test func reportsAMissingInputAndWritesNothing() throws {
        let directory = try TemporaryDirectory()
        let result = try TestEnvironment.weir(
            ["parquet", "rewrite", "missing.parquet", "out.parquet"], in: directory.path)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: 'missing.parquet'"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    /// Lists, structs and maps, nested in each other with nulls at every level, survive a
    /// rewrite with any codec and with or without dictionaries.
    @Test func rewritesNestedColumnsWithTheSameValues() throws {
        let directory = try TemporaryDirectory()
        let input = directory.file("nested.parquet").path
        let make = """
            import sys, pyarrow as pa, pyarrow.parquet as pq
            n = 300
            point = pa.struct([("x", pa.float64()), ("tags", pa.list_(pa.string()))])
            table = pa.table({
                "id": pa.array(range(n), pa.int32()),
                "tags": pa.array([None if i % 7 == 0 else [str(i % 5)] * (i % 4) for i in range(n)]),
                "grid": pa.array([[[i, None], [], None] if i % 3 else None for i in range(n)], pa.list_(pa.list_(pa.int64()))),
                "attrs": pa.array([None if i % 5 == 0 else [("k%d" % j, None if j == 1 else i * j) for j in range(i % 3)]
                                   for i in range(n)], pa.map_(pa.string(), pa.int16())),
                "point": pa.array([None if i % 4 == 0 else {"x": i / 4, "tags": None if i % 8 == 1 else ["a", None]}
                                   for i in range(n)], point),
                "points": pa.array([[{"x": float(i), "tags": []}, None] if i % 2 else [] for i in range(n)], pa.list_(point)),
            })
            pq.write_table(table, sys.argv[1], row_group_size=128)
            """
        try #require(try TestEnvironment.python(make, [input]).status == 0)
        let compare = """
            import sys, pyarrow.parquet as pq
            a, b = pq.read_table(sys.argv[1]), pq.read_table(sys.argv[2])
            same = [str(f.type) for f in a.schema] == [str(f.type) for f in b.schema]
            print(same and a.to_pylist() == b.to_pylist(), pq.ParquetFile(sys.argv[2]).metadata.num_row_groups)
            """
        for arguments in [[], ["--codec", "zstd", "--row-group-rows", "100"], ["--codec", "none", "--no-dictionary"]] {
            let output = directory.file("out.parquet").path
            let result = try TestEnvironment.weir(["parquet", "rewrite", input, output] + arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.hasPrefix("Wrote 300 rows in "))
            let check = try TestEnvironment.python(compare, [input, output])
            #expect(check.stdout == "True \(arguments.contains("100") ? 3 : 1)\n", "\(arguments): \(check.stderr)")
            let original = try TestEnvironment.weir(["parquet", "cat", input, "--format", "jsonl"])
            let rewritten = try TestEnvironment.weir(["parquet", "cat", output, "--format", "jsonl"])
            #expect(original.stdout.split(separator: "\n").count == 300)
            #expect(rewritten.stdout == original.stdout, "\(arguments)")
        }
    }
}
