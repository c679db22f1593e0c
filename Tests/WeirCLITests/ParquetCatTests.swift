import Foundation
import Testing
import WeirTestSupport

/// Small Parquet files written by pyarrow for the `weir parquet` command tests.
enum ParquetCLIFixtures {
    /// Writes `small.parquet` (5 rows in row groups of 2) and `nested.parquet` into `directory`.
    static func write(in directory: TemporaryDirectory) throws {
        let result = try TestEnvironment.python(
            #"""
            import sys, decimal
            import pyarrow as pa, pyarrow.parquet as pq
            out = sys.argv[1]
            table = pa.table({
                'id': pa.array([1, 2, 3, 4, 5], pa.int32()),
                'name': pa.array(['plain', 'comma, "quote"', None, '', 'two\nlines']),
                'at': pa.array([0, 1500, None, -1, 86_400_000], pa.timestamp('ms', tz='UTC')),
                'day': pa.array([0, 1, 2, 3, None], pa.date32()),
                'price': pa.array([decimal.Decimal('1.50'), decimal.Decimal('-0.05'), None, decimal.Decimal('0'),
                                   decimal.Decimal('12345.67')], pa.decimal128(9, 2)),
                'ratio': pa.array([0.5, float('nan'), float('inf'), None, -2.0]),
                'blob': pa.array([b'\x00\x01', b'', None, b'weir', b'\xff']),
            })
            pq.write_table(table, out + '/small.parquet', row_group_size=2,
                           store_decimal_as_integer=True)
            nested = pa.table({'id': [1, 2], 'tags': pa.array([['a'], []], pa.list_(pa.string()))})
            pq.write_table(nested, out + '/nested.parquet')
            """#, [directory.path])
        #expect(result.status == 0, "\(result.stderr)")
    }
}

@Suite struct ParquetCatTests {
    @Test func printsJSONLines() throws {
        let directory = try TemporaryDirectory("weir-cli-cat")
        try ParquetCLIFixtures.write(in: directory)
        let result = try TestEnvironment.weir(
            ["parquet", "cat", "small.parquet", "--format", "jsonl"], in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                {"id":1,"name":"plain","at":"1970-01-01T00:00:00.000Z","day":"1970-01-01","price":"1.50","ratio":0.5,"blob":"AAE="}
                {"id":2,"name":"comma, \\"quote\\"","at":"1970-01-01T00:00:01.500Z","day":"1970-01-02","price":"-0.05","ratio":"NaN","blob":""}
                {"id":3,"name":null,"at":null,"day":"1970-01-03","price":null,"ratio":"Infinity","blob":null}
                {"id":4,"name":"","at":"1969-12-31T23:59:59.999Z","day":"1970-01-04","price":"0.00","ratio":null,"blob":"d2Vpcg=="}
                {"id":5,"name":"two\\nlines","at":"1970-01-02T00:00:00.000Z","day":null,"price":"12345.67","ratio":-2.0,"blob":"/w=="}

                """)
    }

    @Test func printsCSVWithQuotingAndSelectedColumns() throws {
        let directory = try TemporaryDirectory("weir-cli-cat")
        try ParquetCLIFixtures.write(in: directory)
        let result = try TestEnvironment.weir(
            ["parquet", "cat", "small.parquet", "--format", "csv", "--columns", "name, id,price"], in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                name,id,price
                plain,1,1.50
                "comma, ""quote\"\"",2,-0.05
                ,3,
                "",4,0.00
                "two
                lines",5,12345.67

                """)
    }

    /// Column widths come from the first row group, so that output streams.
    @Test func printsAnAlignedTableAndStopsAtTheLimit() throws {
        let directory = try TemporaryDirectory("weir-cli-cat")
        try ParquetCLIFixtures.write(in: directory)
        let result = try TestEnvironment.weir(
            ["parquet", "cat", "small.parquet", "--columns", "id,name,at", "--limit", "3"], in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout == """
                id  name            at
                --  --------------  ------------------------
                1   plain           1970-01-01T00:00:00.000Z
                2   comma, "quote"  1970-01-01T00:00:01.500Z
                3   null            null

                """)
        let none = try TestEnvironment.weir(
            ["parquet", "cat", "small.parquet", "--format", "csv", "--columns", "id", "--limit", "0"],
            in: directory.path)
        #expect(none.stdout == "id\n")
    }

    /// Many rows in several row groups, formatted on every core: every line, in order, with
    /// pyarrow's values; `--limit` cuts inside a row group.
    @Test func printsManyRowsAsJSONLinesInOrder() throws {
        let directory = try TemporaryDirectory("weir-cli-cat")
        let make = try TestEnvironment.python(
            """
            import sys, pyarrow as pa, pyarrow.parquet as pq
            n = 150_001
            pq.write_table(pa.table({"id": pa.array(range(n), pa.int64()),
                                     "s": pa.array([{"k": ["x"] * (i % 3), "f": i / 4} for i in range(n)])}),
                           sys.argv[1] + "/many.parquet", row_group_size=70_000)
            """, [directory.path])
        try #require(make.status == 0, "\(make.stderr)")
        let result = try TestEnvironment.weir(
            ["parquet", "cat", "many.parquet", "--format", "jsonl"], in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 150_001)
        for row in [0, 1, 4_095, 65_535, 65_536, 69_999, 70_000, 135_536, 150_000] where row < lines.count {
            let tags = String(repeating: #""x","#, count: row % 3).dropLast()
            #expect(lines[row] == #"{"id":\#(row),"s":{"k":[\#(tags)],"f":\#(Double(row) / 4)}}"#)
        }
        let limited = try TestEnvironment.weir(
            ["parquet", "cat", "many.parquet", "--format", "jsonl", "--limit", "70003"], in: directory.path)
        #expect(limited.stdout.split(separator: "\n").count == 70_003)
        #expect(limited.stdout.hasSuffix(#"{"id":70002,"s":{"k":[],"f":17500.5}}"# + "\n"))
    }

    @Test func printsNestedColumnsAsJSON() throws {
        let directory = try TemporaryDirectory("weir-cli-cat")
        try ParquetCLIFixtures.write(in: directory)
        let jsonl = try TestEnvironment.weir(
            ["parquet", "cat", "nested.parquet", "--format", "jsonl"], in: directory.path)
        #expect(jsonl.status == 0)
        #expect(jsonl.stdout == "{\"id\":1,\"tags\":[\"a\"]}\n{\"id\":2,\"tags\":[]}\n")
        #expect(jsonl.stderr == "")
        let csv = try TestEnvironment.weir(["parquet", "cat", "nested.parquet", "--format", "csv"], in: directory.path)
        #expect(csv.stdout == "id,tags\n1,\"[\"\"a\"\"]\"\n2,[]\n")
        let table = try TestEnvironment.weir(
            ["parquet", "cat", "nested.parquet", "--columns", "tags"], in: directory.path)
        #expect(table.stdout == "tags\n-----\n[\"a\"]\n[]\n")
        let inner = try TestEnvironment.weir(
            ["parquet", "cat", "nested.parquet", "--columns", "tags.list.element"], in: directory.path)
        #expect(inner.status == 1)
        #expect(
            inner.stderr == "error: 'nested.parquet': The column 'tags.list.element' is inside the nested column "
                + "'tags'; Weir reads nested columns whole. Select 'tags' instead.\n")
    }

    @Test func reportsErrorsWithTheirFix() throws {
        let directory = try TemporaryDirectory("weir-cli-cat")
        try ParquetCLIFixtures.write(in: directory)
        try directory.write("x.csv", "a,b\n1,2\n")

        let notParquet = try TestEnvironment.weir(["parquet", "cat", "x.csv"], in: directory.path)
        #expect(notParquet.status == 1)
        #expect(
            notParquet.stderr == "error: 'x.csv' is not a Parquet file: it does not end with the magic bytes 'PAR1'.\n")

        let missing = try TestEnvironment.weir(["parquet", "cat", "missing.parquet"], in: directory.path)
        #expect(missing.status == 1)
        #expect(
            missing.stderr == "error: 'missing.parquet': Cannot open the file: No such file or directory.\n")

        let folder = try TestEnvironment.weir(["parquet", "cat", "."], in: directory.path)
        #expect(folder.status == 1)
        #expect(
            folder.stderr == "error: '.': This is a folder or device, not a file. Pass the path of a Parquet file.\n")

        let unknown = try TestEnvironment.weir(
            ["parquet", "cat", "small.parquet", "--columns", "id,nope"], in: directory.path)
        #expect(unknown.status == 1)
        #expect(
            unknown.stderr == "error: 'small.parquet': The file has no column 'nope'. Available columns: 'id', 'name', "
                + "'at', 'day', 'price', 'ratio', 'blob'.\n")

        let badLimit = try TestEnvironment.weir(["parquet", "cat", "small.parquet", "--limit=-1"], in: directory.path)
        #expect(badLimit.status == 2)
        #expect(badLimit.stderr.contains("The value '-1' is invalid for '--limit <limit>'. Please provide 0 or more."))

        let noColumns = try TestEnvironment.weir(
            ["parquet", "cat", "small.parquet", "--columns", " , "], in: directory.path)
        #expect(noColumns.status == 2)
        #expect(
            noColumns.stderr.contains(
                "The value ' , ' is invalid for '--columns <names>'. Please provide column names."))

        let badFormat = try TestEnvironment.weir(
            ["parquet", "cat", "small.parquet", "--format", "xml"], in: directory.path)
        #expect(badFormat.status == 2)
        #expect(badFormat.stderr.contains("xml"))
    }
}
