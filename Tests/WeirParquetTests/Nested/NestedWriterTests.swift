import Foundation
import Testing
import WeirColumns
import WeirCompression
import WeirTestSupport

@testable import WeirParquet

/// Nested columns (lists, structs, maps, to any depth) written by Weir: read back by Weir and by
/// pyarrow, DuckDB and polars with the values written.
@Suite struct NestedWriterTests {
    static let points = Field("points", .list(Field("element", .int64)))
    static let station = Field(
        "station",
        .structure([
            Field("id", .string, nullable: false),
            Field("position", .structure([Field("x", .float64), Field("y", .float64, nullable: false)])),
            Field("tags", .list(Field("element", .string, nullable: false))),
        ]))
    static let readings = Field(
        "readings",
        .map(key: Field("key", .string, nullable: false), value: Field("value", .list(Field("element", .float32)))))
    static let grid = Field("grid", .list(Field("element", .list(Field("element", .decimal(precision: 30, scale: 5))))))

    static func handmade() -> RecordBatch {
        let point: [Value] = [.list([.int(1), .null, .int(3)]), .list([]), .null, .list([.int(-7)])]
        let stations: [Value] = [
            .structure(
                names: ["id", "position", "tags"],
                values: [
                    .string("a"), .structure(names: ["x", "y"], values: [.double(1.5), .double(2)]),
                    .list([.string("t")]),
                ]),
            .null,
            .structure(names: ["id", "position", "tags"], values: [.string(""), .null, .null]),
            .structure(
                names: ["id", "position", "tags"],
                values: [.string("d"), .structure(names: ["x", "y"], values: [.null, .double(-1)]), .list([])]),
        ]
        let maps: [Value] = [
            .map(keys: [.string("t"), .string("rh")], values: [.list([.float(1.25), .null]), .null]),
            .map(keys: [], values: []), .null, .map(keys: [.string("p")], values: [.list([])]),
        ]
        let grids: [Value] = [
            .list([.list([.decimal(12_345, scale: 5), .null]), .null, .list([])]), .list([]), .null,
            .list([.list([.decimal(-Int128("99999999999999999999999999999")!, scale: 5)])]),
        ]
        return RecordBatch(columns: [
            NestedValues.column(Field("id", .int32, nullable: false), (0..<4).map { .int(Int64($0)) }),
            NestedValues.column(points, point), NestedValues.column(station, stations),
            NestedValues.column(readings, maps), NestedValues.column(grid, grids),
        ])
    }

    @Test(arguments: [false, true])
    func handmadeNestedColumnsReadBackAsWritten(dictionary: Bool) throws {
        let directory = try TemporaryDirectory("weir-nested-write")
        let batch = Self.handmade()
        var options = ParquetWriterOptions()
        options.dictionary = dictionary
        options.codec = .zstd
        let path = directory.file("nested.parquet").path
        try ParquetWriter.write(batch, to: path, options: options)
        let reader = try ParquetFileReader(path: path)
        #expect(reader.schema == batch.schema)
        let back = try reader.readRowGroup(0)
        #expect(InteropFiles.jsonl(back) == InteropFiles.jsonl(batch))
        // The standard shapes: LIST > repeated group list > element, MAP > repeated key_value.
        #expect(
            reader.columns.map(\.path) == [
                ["id"], ["points", "list", "element"], ["station", "id"], ["station", "position", "x"],
                ["station", "position", "y"], ["station", "tags", "list", "element"],
                ["readings", "key_value", "key"], ["readings", "key_value", "value", "list", "element"],
                ["grid", "list", "element", "list", "element"],
            ])
    }

    /// Random schemas nested up to three levels, random rows with nulls and empty lists at every
    /// level, written in up to six batches across small row groups and pages: Weir reads back every
    /// value.
    @Test func randomNestedBatchesReadBackAsWritten() throws {
        let directory = try TemporaryDirectory("weir-nested-random")
        for seed in 0..<40 as Range<UInt64> {
            var random = SeededRandom(seed: seed)
            let batch = NestedValues.randomBatch(&random, columns: 3, rows: 50 + random.below(100), depth: 3)
            let options = Self.options(seed)
            let path = directory.file("random-\(seed).parquet").path
            let writer = try ParquetWriter(path: path, schema: batch.schema, options: options)
            // One to six batches, some of them empty.
            var cuts = (0..<random.below(6)).map { _ in random.below(batch.rowCount + 1) }.sorted()
            cuts = [0] + cuts + [batch.rowCount]
            for (start, end) in zip(cuts, cuts.dropFirst()) { try writer.write(batch.slice(start..<end)) }
            try writer.close()

            let reader = try ParquetFileReader(path: path)
            #expect(reader.schema == batch.schema, "seed \(seed)")
            var back = ""
            for group in 0..<reader.rowGroupCount { back += InteropFiles.jsonl(try reader.readRowGroup(group)) }
            let expected = InteropFiles.jsonl(batch)
            if back != expected {
                let pairs = zip(expected.split(separator: "\n"), back.split(separator: "\n"))
                let first = pairs.enumerated().first { $0.element.0 != $0.element.1 }
                let message: String =
                    "seed \(seed) \(batch.schema.fields.map(\.type.name)): row \(first?.offset ?? -1)\n"
                    + "  wrote \(first?.element.0 ?? "")\n  read  \(first?.element.1 ?? "")"
                Issue.record(Comment(rawValue: message))
            }
        }
    }

    /// The same random files, read by pyarrow, DuckDB and polars.
    @Test func peersReadRandomNestedFiles() throws {
        let directory = try TemporaryDirectory("weir-nested-peers-read")
        var paths: [String] = []
        var expected: [String] = []
        for seed in 100..<124 as Range<UInt64> {
            var random = SeededRandom(seed: seed)
            let batch = NestedValues.randomBatch(&random, columns: 3, rows: 40 + random.below(60), depth: 3)
            let path = directory.file("peer-\(seed).parquet").path
            let writer = try ParquetWriter(path: path, schema: batch.schema, options: Self.options(seed))
            let split = random.below(batch.rowCount)
            try writer.write(batch.slice(0..<split))
            try writer.write(batch.slice(split..<batch.rowCount))
            try writer.close()
            paths.append(path)
            expected.append(InteropFiles.jsonl(batch))
        }
        let result = try TestEnvironment.python(InteropPython.formatter + "\n" + Self.peerReader, paths)
        try #require(result.status == 0, "peer script failed: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        try #require(lines.count == paths.count, "\(result.stderr)")
        for (index, line) in lines.enumerated() {
            let report = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            for peer in ["pyarrow", "duckdb", "polars"] {
                let text = try #require(report[peer], "\(paths[index]): \(peer) missing")
                guard text != expected[index] else { continue }
                let pairs = zip(expected[index].split(separator: "\n"), text.split(separator: "\n"))
                let first = pairs.enumerated().first { $0.element.0 != $0.element.1 }
                let message: String =
                    "\(URL(fileURLWithPath: paths[index]).lastPathComponent) read by \(peer): "
                    + "row \(first?.offset ?? -1)\n  wrote \(first?.element.0 ?? "")\n  read  \(first?.element.1 ?? Substring(text))"
                Issue.record(Comment(rawValue: message))
            }
        }
    }

    /// Reads each file with pyarrow, DuckDB and polars and prints one JSON object per file with
    /// each reader's rows as JSON lines, after casting DuckDB's and polars' columns to the types
    /// pyarrow reads (their own names for the same types: large strings, microsecond times, maps
    /// as lists of key-value structs).
    static let peerReader = #"""
        import json, sys
        import pyarrow as pa, pyarrow.parquet as pq, duckdb, polars as pl

        def align(table, schema):
            columns = []
            for field in schema:
                column = table.column(field.name)
                try:
                    column = column.cast(field.type)
                except Exception:
                    # pyarrow casts no map inside a list or struct: convert through Python values,
                    # which keep every value of these types exactly.
                    column = pa.array(column.to_pylist(), type=field.type)
                columns.append(column)
            return pa.table(columns, names=schema.names)

        for path in sys.argv[1:]:
            base = pq.read_table(path)
            report = {'pyarrow': table_jsonl(base)}
            try:
                duck = duckdb.sql('select * from read_parquet(?)', params=[path]).to_arrow_table()
                report['duckdb'] = table_jsonl(align(duck, base.schema))
            except Exception as error:
                report['duckdb'] = 'error: %s' % error
            try:
                report['polars'] = table_jsonl(align(pl.read_parquet(path).to_arrow(), base.schema))
            except Exception as error:
                report['polars'] = 'error: %s' % error
            print(json.dumps(report))
        """#

    /// Writer options that vary with the seed: codecs, dictionaries on and off, pages of a few
    /// values and row groups of a few rows.
    static func options(_ seed: UInt64) -> ParquetWriterOptions {
        var options = ParquetWriterOptions()
        options.codec = [CompressionCodec.uncompressed, .snappy, .zstd, .gzip][Int(seed % 4)]
        options.dictionary = seed % 3 != 0
        options.dataPageSize = [1 << 20, 64, 9][Int(seed % 3)]
        options.rowGroupRows = [1_000, 17, 64][Int(seed / 3 % 3)]
        return options
    }

    @Test func nullWhereTheTypeAllowsNoneIsRejectedAndTheWriterGoesOn() throws {
        let directory = try TemporaryDirectory("weir-nested-required")
        let path = directory.file("required.parquet").path
        let tags = Field("tags", .list(Field("element", .string, nullable: false)))
        let writer = try ParquetWriter(path: path, schema: Schema([tags]))
        let bad = RecordBatch(columns: [
            NestedValues.column(tags, [.list([.string("a")]), .null, .list([.string("b"), .null])])
        ])
        let error = try #require(throws: ParquetError.self) { try writer.write(bad) }
        #expect(error.kind == .invalidArgument)
        #expect(
            error.message
                == "Column 'tags.list.element' is required but holds a null in row 2 of the batch. "
                + "Please fill the value or declare the field nullable.")
        let good = RecordBatch(columns: [NestedValues.column(tags, [.list([.string("a")]), .null])])
        try writer.write(good)
        try writer.close()
        #expect(InteropFiles.jsonl(try ParquetFileReader(path: path).readRowGroup(0)) == InteropFiles.jsonl(good))

        let station = Field("s", .structure([Field("id", .int32, nullable: false)]))
        let missing = RecordBatch(columns: [
            NestedValues.column(station, [.null, .structure(names: ["id"], values: [.null])])
        ])
        let structError = try #require(throws: ParquetError.self) {
            try ParquetWriter.write(missing, to: directory.file("s.parquet").path)
        }
        #expect(structError.message.hasPrefix("Column 's.id' is required but holds a null in row 1 of the batch."))
    }

    /// A leaf stored other than its type's default (a decimal(10,2) in 5-byte fixed-length values,
    /// as some writers store it) keeps that storage in a row group whose lists are all empty or
    /// null, written alone or joined with others.
    @Test func leavesWithoutValuesKeepTheLeafsStorage() throws {
        let directory = try TemporaryDirectory("weir-nested-placeholders")
        let element = Field("element", .decimal(precision: 10, scale: 2))
        let field = Field("amounts", .list(element))
        func batch(_ lists: [[Int64]?]) -> RecordBatch {
            var offsets = [0]
            var bytes: [UInt8] = []
            for list in lists {
                for value in list ?? [] {
                    for shift in stride(from: 32, through: 0, by: -8) {
                        bytes.append(UInt8(truncatingIfNeeded: value >> shift))
                    }
                }
                offsets.append(bytes.count / 5)
            }
            let elements = Column(field: element, storage: .fixedBytes(width: 5, data: bytes))
            return RecordBatch(columns: [
                Column(
                    field: field, storage: .list(offsets: offsets, elements: elements),
                    validity: lists.map { $0 != nil })
            ])
        }
        let first = batch([[12_345, -1], nil, []])
        let empty = batch([nil, [], []])
        for rowGroupRows in [3, 100] {
            var options = ParquetWriterOptions()
            options.rowGroupRows = rowGroupRows
            let path = directory.file("amounts-\(rowGroupRows).parquet").path
            let writer = try ParquetWriter(path: path, schema: first.schema, options: options)
            try writer.write(first)
            try writer.write(empty)
            try writer.write(empty)
            try writer.close()
            let reader = try ParquetFileReader(path: path)
            var text = ""
            for group in 0..<reader.rowGroupCount { text += InteropFiles.jsonl(try reader.readRowGroup(group)) }
            #expect(
                text == #"{"amounts":["123.45","-0.01"]}"# + "\n" + #"{"amounts":null}"# + "\n" + #"{"amounts":[]}"#
                    + "\n"
                    + String(
                        repeating: #"{"amounts":null}"# + "\n" + #"{"amounts":[]}"# + "\n" + #"{"amounts":[]}"# + "\n",
                        count: 2))
            #expect(reader.columns[0].element.type == .fixedLenByteArray)
        }
    }

    @Test func aStructWithoutFieldsIsRefused() throws {
        let directory = try TemporaryDirectory("weir-nested-empty-struct")
        let error = try #require(throws: ParquetError.self) {
            _ = try ParquetWriter(
                path: directory.file("e.parquet").path,
                schema: Schema([Field("e", .list(Field("element", .structure([]))))]))
        }
        #expect(
            error.message
                == "Column 'e.list.element' is a struct without fields, which Parquet cannot store. "
                + "Please leave it out or give it a field.")
    }

    @Test func structFieldsNeedNamesOfTheirOwn() throws {
        let directory = try TemporaryDirectory("weir-nested-names")
        for (fields, problem) in [
            ([Field("a", .int32), Field("a", .string)], "the field 'a' twice"),
            ([Field("", .int32)], "a field without a name"),
        ] {
            let error = try #require(throws: ParquetError.self) {
                _ = try ParquetWriter(
                    path: directory.file("n.parquet").path, schema: Schema([Field("s", .structure(fields))]))
            }
            #expect(error.message == "Column 's' has \(problem). Please give every field of a struct its own name.")
        }
    }

    @Test func emptyNestedTablesKeepTheirSchema() throws {
        let directory = try TemporaryDirectory("weir-nested-empty")
        let batch = RecordBatch.empty(Self.handmade().schema)
        let path = directory.file("empty.parquet").path
        try ParquetWriter.write(batch, to: path)
        let reader = try ParquetFileReader(path: path)
        #expect(reader.schema == batch.schema)
        #expect(reader.rowGroupCount == 0)
    }
}
