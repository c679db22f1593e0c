import Foundation
import Testing
import WeirColumns
import WeirTestSupport

@testable import WeirParquet

/// The footer of the Parquet file at `path`, decoded with the reader's metadata types.
func writerTestFooter(_ path: String) throws -> FileMetaData {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    try #require(bytes.count >= 12 && Array(bytes.prefix(4)) == ParquetFormat.magic)
    try #require(Array(bytes.suffix(4)) == ParquetFormat.magic)
    let length = bytes[(bytes.count - 8)..<(bytes.count - 4)].reversed().reduce(0) { $0 << 8 | Int($1) }
    return try FileMetaData.decode(Array(bytes[(bytes.count - 8 - length)..<(bytes.count - 8)]))
}

private func int64Batch(_ name: String, _ values: [Int64], nullable: Bool = false) -> RecordBatch {
    RecordBatch(columns: [Column(field: Field(name, .int64, nullable: nullable), storage: .int64(values))])
}

private func stringBatch(_ values: [String?]) -> RecordBatch {
    var arrays = ByteArrays()
    for value in values {
        if let value { arrays.append(value) } else { arrays.appendEmpty() }
    }
    let validity = values.contains(where: { $0 == nil }) ? values.map { $0 != nil } : nil
    return RecordBatch(columns: [Column(field: Field("s", .string), storage: .bytes(arrays), validity: validity)])
}

private func files(in directory: TemporaryDirectory) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
}

@Suite struct ParquetWriterTests {
    @Test func cutsRowGroupsByRowsAcrossBatches() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("rows.parquet").path
        var options = ParquetWriterOptions()
        options.rowGroupRows = 100
        let writer = try ParquetWriter(
            path: path, schema: Schema([Field("n", .int64, nullable: false)]), options: options)
        for start in stride(from: 0, to: 250, by: 30) {
            try writer.write(int64Batch("n", (start..<min(start + 30, 250)).map(Int64.init)))
        }
        let summary = try writer.close()
        #expect(summary == ParquetWriteSummary(rows: 250, rowGroups: 3, bytes: summary.bytes))
        let footer = try writerTestFooter(path)
        #expect(footer.numRows == 250)
        #expect(footer.rowGroups.map(\.numRows) == [100, 100, 50])
        #expect(footer.rowGroups.map(\.ordinal) == [0, 1, 2])
        let minimums = footer.rowGroups.map { $0.columns[0].metaData?.statistics?.minValue }
        #expect(minimums == [0, 100, 200].map { withUnsafeBytes(of: Int64($0).littleEndian) { Array($0) } })
        #expect(summary.bytes == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
    }

    @Test func cutsRowGroupsByBufferedBytes() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("bytes.parquet").path
        var options = ParquetWriterOptions()
        options.rowGroupBytes = 800  // 100 int64 values
        let writer = try ParquetWriter(
            path: path, schema: Schema([Field("n", .int64, nullable: false)]), options: options)
        try writer.write(int64Batch("n", (0..<1_000).map(Int64.init)))
        #expect(try writer.close().rowGroups == 10)
        #expect(try writerTestFooter(path).rowGroups.allSatisfy { $0.numRows == 100 })
    }

    @Test func fallsBackToPlainWhenTheDictionaryFillsUp() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("fallback.parquet").path
        var options = ParquetWriterOptions()
        options.dictionaryPageSizeLimit = 4_096
        options.dataPageSize = 2_048
        let values: [String?] = (0..<5_000).map { $0 % 11 == 0 ? nil : "value number \($0)" }
        let writer = try ParquetWriter(path: path, schema: stringBatch(values).schema, options: options)
        try writer.write(stringBatch(values))
        try writer.close()

        let metadata = try #require(try writerTestFooter(path).rowGroups.first?.columns.first?.metaData)
        let stats = try #require(metadata.encodingStats)
        #expect(stats.first == PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1))
        #expect(stats.contains { $0.pageType == .dataPage && $0.encoding == .rleDictionary && $0.count >= 1 })
        #expect(stats.contains { $0.pageType == .dataPage && $0.encoding == .plain && $0.count > 1 })
        #expect(Set(metadata.encodings) == [.plain, .rle, .rleDictionary])
        #expect(metadata.dictionaryPageOffset == 4)
        #expect(try #require(metadata.dictionaryPageOffset) < metadata.dataPageOffset)

        let check = """
            import sys, pyarrow.parquet as pq
            values = pq.read_table(sys.argv[1]).column("s").to_pylist()
            expected = [None if i % 11 == 0 else f"value number {i}" for i in range(5000)]
            print("same" if values == expected else "different")
            """
        #expect(try TestEnvironment.python(check, [path]).stdout == "same\n")
    }

    @Test func writesOnlyDictionaryPagesForFewDistinctValuesAndOnlyPlainWithoutDictionary() throws {
        let directory = try TemporaryDirectory()
        let values: [String?] = (0..<3_000).map { ["IV", "IVg", "ITS"][$0 % 3] }
        for dictionary in [true, false] {
            let path = directory.file("\(dictionary).parquet").path
            var options = ParquetWriterOptions()
            options.dictionary = dictionary
            let writer = try ParquetWriter(path: path, schema: stringBatch(values).schema, options: options)
            try writer.write(stringBatch(values))
            try writer.close()
            let metadata = try #require(try writerTestFooter(path).rowGroups.first?.columns.first?.metaData)
            if dictionary {
                #expect(metadata.encodingStats?.map(\.encoding) == [.plain, .rleDictionary])
                #expect(metadata.dictionaryPageOffset != nil)
            } else {
                #expect(metadata.encodingStats?.map(\.encoding) == [.plain])
                #expect(metadata.dictionaryPageOffset == nil && metadata.dataPageOffset == 4)
            }
        }
    }

    @Test func skipsTheDictionaryWhenTheFirstRowsAreAllDistinct() throws {
        let directory = try TemporaryDirectory()
        let rows = 40_000
        let distinct = RecordBatch(columns: [
            Column(field: Field("x", .float64), storage: .double((0..<rows).map { Double($0) * 0.001 })),
            Column(field: Field("few", .float64), storage: .double((0..<rows).map { Double($0 % 50) })),
        ])
        let path = directory.file("distinct.parquet").path
        let writer = try ParquetWriter(path: path, schema: distinct.schema)
        try writer.write(distinct)
        try writer.close()
        let columns = try #require(try writerTestFooter(path).rowGroups.first?.columns.compactMap(\.metaData))
        #expect(columns[0].encodingStats?.map(\.encoding) == [.plain])
        #expect(columns[0].dictionaryPageOffset == nil)
        #expect(columns[1].encodingStats?.map(\.encoding) == [.plain, .rleDictionary])
        let reader = try ParquetFileReader(path: path)
        let read = try reader.readRowGroup(0)
        #expect(read.columns[0].storage == distinct.columns[0].storage)
        #expect(read.columns[1].storage == distinct.columns[1].storage)
    }

    /// Times of a few thousand seconds in random order look nearly distinct in the first 1,024 rows
    /// but repeat over the chunk: the dictionary is kept, and the chunk is far smaller than PLAIN.
    @Test func keepsTheDictionaryForValuesThatRepeatOnlyLater() throws {
        let directory = try TemporaryDirectory()
        let rows = 131_072
        var random = SeededRandom(seed: 3)
        let times = (0..<rows).map { _ in Int64(random.below(5_000)) * 1_000_000 }
        let batch = RecordBatch(columns: [
            Column(field: Field("time", .timestamp(unit: .microseconds, utc: true)), storage: .int64(times))
        ])
        let path = directory.file("times.parquet").path
        let writer = try ParquetWriter(path: path, schema: batch.schema)
        try writer.write(batch)
        try writer.close()
        let column = try #require(try writerTestFooter(path).rowGroups.first?.columns.first?.metaData)
        #expect(column.encodingStats?.map(\.encoding) == [.plain, .rleDictionary])
        #expect(column.totalCompressedSize < Int64(rows * 8 / 3))
        #expect(try ParquetFileReader(path: path).readRowGroup(0).columns[0].storage == batch.columns[0].storage)
    }

    /// A small chunk (the size of one instrument file) decides the same way, from all its rows.
    @Test(arguments: [10, 2_000])
    func skipsTheDictionaryForASmallChunkOfDistinctValues(rows: Int) throws {
        let directory = try TemporaryDirectory()
        let batch = RecordBatch(columns: [
            Column(field: Field("x", .float64), storage: .double((0..<rows).map { Double($0) * 1.37e-6 })),
            Column(field: Field("few", .int64), storage: .int64((0..<rows).map { Int64($0 % 3) })),
        ])
        let path = directory.file("small.parquet").path
        let writer = try ParquetWriter(path: path, schema: batch.schema)
        try writer.write(batch)
        try writer.close()
        let columns = try #require(try writerTestFooter(path).rowGroups.first?.columns.compactMap(\.metaData))
        #expect(columns[0].encodingStats?.map(\.encoding) == [.plain])
        #expect(columns[0].dictionaryPageOffset == nil)
        #expect(columns[1].encodingStats?.map(\.encoding) == [.plain, .rleDictionary])
        let read = try ParquetFileReader(path: path).readRowGroup(0)
        #expect(read.columns.map(\.storage) == batch.columns.map(\.storage))
    }

    @Test func writesDictionaryPagesWithOnlyNullsThatPeersRead() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("null-pages.parquet").path
        var options = ParquetWriterOptions()
        options.dataPageSize = 1  // 8 rows per page at one bit per index
        let values: [String?] = (0..<40).map { ($0 / 8) % 2 == 0 ? nil : ["a", "b"][$0 % 2] }
        let writer = try ParquetWriter(path: path, schema: stringBatch(values).schema, options: options)
        try writer.write(stringBatch(values))
        try writer.close()
        let metadata = try #require(try writerTestFooter(path).rowGroups.first?.columns.first?.metaData)
        #expect(
            metadata.encodingStats?.last == PageEncodingStats(pageType: .dataPage, encoding: .rleDictionary, count: 5))

        let check = """
            import sys, pyarrow.parquet as pq, duckdb, polars as pl
            expected = [None if (i // 8) % 2 == 0 else "ab"[i % 2] for i in range(40)]
            print(pq.read_table(sys.argv[1]).column("s").to_pylist() == expected,
                  [r[0] for r in duckdb.sql("select s from read_parquet(?)", params=[sys.argv[1]]).fetchall()] == expected,
                  pl.read_parquet(sys.argv[1])["s"].to_list() == expected)
            """
        let result = try TestEnvironment.python(check, [path])
        #expect(result.stdout == "True True True\n", "\(result.stderr)")
        let read = try ParquetFileReader(path: path).readRowGroup(0).columns[0]
        #expect((0..<40).map { read.value(at: $0) } == values.map { $0.map(Value.string) ?? .null })
    }

    @Test func capsTheRowsOfAPage() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("flags.parquet").path
        let rows = ColumnChunkEncoder.maxPageRows + 1_000
        let batch = RecordBatch(columns: [
            Column(field: Field("flag", .boolean, nullable: false), storage: .boolean((0..<rows).map { $0 % 3 == 0 }))
        ])
        var options = ParquetWriterOptions()
        options.rowGroupRows = rows
        let writer = try ParquetWriter(path: path, schema: batch.schema, options: options)
        try writer.write(batch)
        try writer.close()
        let metadata = try #require(try writerTestFooter(path).rowGroups.first?.columns.first?.metaData)
        #expect(metadata.encodingStats == [PageEncodingStats(pageType: .dataPage, encoding: .plain, count: 2)])
        let read = try ParquetFileReader(path: path).readRowGroup(0)
        let same = read.columns[0].storage == batch.columns[0].storage
        #expect(same)
    }

    /// An empty batch of a wide decimal (fixed-length storage of no bytes) leaves the width to the
    /// precision: 13 bytes for 30 digits, read by the peers as decimal(30, 5).
    @Test func writesAnEmptyBatchOfAWideDecimalThatPeersRead() throws {
        let directory = try TemporaryDirectory()
        let field = Field("d", .decimal(precision: 30, scale: 5))
        let path = directory.file("decimal.parquet").path
        let writer = try ParquetWriter(path: path, schema: Schema([field]))
        try writer.write(RecordBatch(columns: [Column(field: field, storage: .fixedBytes(width: 0, data: []))]))
        try writer.close()
        let element = try #require(try writerTestFooter(path).schema.last)
        #expect(element.typeLength == 13)
        let check = """
            import sys, pyarrow.parquet as pq, duckdb
            table = pq.read_table(sys.argv[1])
            print(table.num_rows, str(table.schema.field("d").type),
                  duckdb.sql("select count(*) from read_parquet(?)", params=[sys.argv[1]]).fetchall()[0][0])
            """
        let result = try TestEnvironment.python(check, [path])
        #expect(result.stdout == "0 decimal128(30, 5) 0\n", "\(result.stderr)")
    }

    @Test func writesAnEmptyTableThatPeersRead() throws {
        let directory = try TemporaryDirectory()
        let schema = Schema([
            Field("a", .int32), Field("b", .string, nullable: false),
            Field("t", .timestamp(unit: .microseconds, utc: true)),
        ])
        let none = directory.file("none.parquet").path
        let writer = try ParquetWriter(path: none, schema: schema)
        #expect(
            try writer.close()
                == ParquetWriteSummary(rows: 0, rowGroups: 0, bytes: try writerTestFooter(none).thriftBytes.count + 12))

        let empty = directory.file("empty.parquet").path
        let second = try ParquetWriter(path: empty, schema: schema)
        try second.write(
            RecordBatch(
                schema: schema,
                columns: [
                    Column(field: schema.fields[0], storage: .int32([])),
                    Column(field: schema.fields[1], storage: .bytes(ByteArrays())),
                    Column(field: schema.fields[2], storage: .int64([])),
                ]))
        try second.close()

        let check = """
            import sys, pyarrow.parquet as pq, duckdb, polars as pl
            for path in sys.argv[1:]:
                table = pq.read_table(path)
                print(table.num_rows, str(table.schema.field("t").type), table.schema.field("b").nullable,
                      duckdb.sql("select count(*) from read_parquet(?)", params=[path]).fetchall()[0][0],
                      pl.read_parquet(path).shape)
            """
        let result = try TestEnvironment.python(check, [none, empty])
        #expect(
            result.stdout == "0 timestamp[us, tz=UTC] False 0 (0, 3)\n0 timestamp[us, tz=UTC] False 0 (0, 3)\n",
            "\(result.stderr)")
    }

    @Test func rejectsANullInARequiredColumnAndStaysUsable() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("required.parquet").path
        let writer = try ParquetWriter(path: path, schema: Schema([Field("n", .int64, nullable: false)]))
        let bad = RecordBatch(columns: [
            Column(
                field: Field("n", .int64, nullable: false), storage: .int64([1, 0, 3]), validity: [true, false, true])
        ])
        let error = try #require(throws: ParquetError.self) { try writer.write(bad) }
        #expect(error.kind == .invalidArgument)
        #expect(
            error.description
                == "'\(path)': Column 'n' is required but row 1 of the batch is null. Please fill the value or declare the column nullable."
        )
        try writer.write(int64Batch("n", [7, 8]))
        #expect(try writer.close().rows == 2)
    }

    @Test func rejectsABatchOfAnotherSchema() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("schema.parquet").path
        let writer = try ParquetWriter(path: path, schema: Schema([Field("n", .int64, nullable: false)]))
        let renamed = try #require(throws: ParquetError.self) { try writer.write(int64Batch("m", [1])) }
        #expect(
            renamed.message
                == "The batch does not match the file's schema: column 1 is 'm int64 not null' in the batch but 'n int64 not null' in the file. Please convert the batch to the file's schema."
        )
        let nullable = try #require(throws: ParquetError.self) {
            try writer.write(int64Batch("n", [1], nullable: true))
        }
        #expect(nullable.message.contains("column 1 is 'n int64' in the batch but 'n int64 not null' in the file"))
        let wider = RecordBatch(columns: [
            Column(field: Field("n", .int64, nullable: false), storage: .int64([1])),
            Column(field: Field("x", .int64), storage: .int64([1])),
        ])
        let extra = try #require(throws: ParquetError.self) { try writer.write(wider) }
        #expect(
            extra.message
                == "The batch does not match the file's schema: it has 2 columns where the file has 1. Please convert the batch to the file's schema."
        )
        writer.abort()
    }

    @Test func rejectsStorageThatDoesNotFitTheType() throws {
        let directory = try TemporaryDirectory()
        let field = Field("d", .decimal(precision: 12, scale: 2))
        let writer = try ParquetWriter(path: directory.file("d.parquet").path, schema: Schema([field]))
        let error = try #require(throws: ParquetError.self) {
            try writer.write(RecordBatch(columns: [Column(field: field, storage: .int32([1]))]))
        }
        #expect(
            error.message
                == "Column 'd' of type 'decimal(12,2)' needs more digits than 'int32' storage holds (9). Please give it 'int64' storage."
        )
        let string = Field("s", .string)
        let other = try ParquetWriter(path: directory.file("s.parquet").path, schema: Schema([string]))
        let mismatch = try #require(throws: ParquetError.self) {
            try other.write(RecordBatch(columns: [Column(field: string, storage: .int64([1]))]))
        }
        #expect(
            mismatch.message
                == "Column 's' of type 'string' cannot be written from 'int64' storage. Please give it 'bytes' storage."
        )
    }

    @Test func rejectsValuesOutsideTheirType() throws {
        let directory = try TemporaryDirectory()
        let smallField = Field("small", .int8)
        let decimal = Field("price", .decimal(precision: 4, scale: 2), nullable: false)
        let text = Field("text", .string)
        let writer = try ParquetWriter(
            path: directory.file("v.parquet").path, schema: Schema([smallField, decimal, text]))
        func batch(_ small: [Int32], _ prices: [Int64], _ texts: [[UInt8]], nulls: [Bool]? = nil) -> RecordBatch {
            var arrays = ByteArrays()
            for text in texts { arrays.append(contentsOf: text) }
            return RecordBatch(columns: [
                Column(field: smallField, storage: .int32(small), validity: nulls),
                Column(field: decimal, storage: .int32(prices.map { Int32($0) })),
                Column(field: text, storage: .bytes(arrays)),
            ])
        }
        let wide = try #require(throws: ParquetError.self) { try writer.write(batch([1, 300], [1, 2], [[], []])) }
        #expect(
            wide.message
                == "Column 'small' holds '300' in row 1 of the batch, outside the range of 'int8'. Please widen the column's type."
        )
        // A placeholder under a null is not checked.
        try writer.write(batch([1, 300], [1, 2], [[], []], nulls: [true, false]))
        let digits = try #require(throws: ParquetError.self) {
            try writer.write(batch([1, 2], [9_999, -10_000], [[], []]))
        }
        #expect(
            digits.message
                == "Column 'price' holds '-10000' in row 1 of the batch, outside 4 digits. Please widen the column's type."
        )
        let utf8 = try #require(throws: ParquetError.self) {
            try writer.write(batch([1, 2], [1, 2], [Array("ok".utf8), [0x61, 0xC3, 0x28]]))
        }
        #expect(
            utf8.message
                == "Column 'text' of type 'string' holds bytes that are not UTF-8 in row 1 of the batch (byte 1 of the value). Please declare the column 'binary' or repair the text."
        )
        // A character split between two values is not valid either: the second starts mid-character.
        let split = try #require(throws: ParquetError.self) {
            try writer.write(batch([1, 2], [1, 2], [[0xC3], [0xA9]]))
        }
        #expect(split.message.contains("in row 1 of the batch (byte 0 of the value)"))
        try writer.write(batch([-128, 127], [-9_999, 9_999], [Array("é".utf8), Array("日本 🎉".utf8)]))
        #expect(try writer.close().rows == 4)
    }

    @Test func rejectsInvalidSchemasAndOptionsBeforeCreatingAFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("x.parquet").path
        let twice = try #require(throws: ParquetError.self) {
            _ = try ParquetWriter(path: path, schema: Schema([Field("a", .int32), Field("a", .string)]))
        }
        #expect(twice.message == "The column name 'a' appears more than once. Please give every column its own name.")
        let bits = try #require(throws: ParquetError.self) {
            _ = try ParquetWriter(path: path, schema: Schema([Field("a", .int(bits: 12, signed: true))]))
        }
        #expect(bits.message == "Column 'a' has an integer width of '12' bits. Please use 8, 16, 32 or 64.")
        var options = ParquetWriterOptions()
        options.rowGroupRows = 0
        let rows = try #require(throws: ParquetError.self) {
            _ = try ParquetWriter(path: path, schema: Schema([Field("a", .int32)]), options: options)
        }
        #expect(rows.message == "The writer option 'rowGroupRows' is '0'. Please set it to 1 or more.")
        options = ParquetWriterOptions()
        options.codec = .gzip
        options.compressionLevel = 42
        let level = try #require(throws: ParquetError.self) {
            _ = try ParquetWriter(path: path, schema: Schema([Field("a", .int32)]), options: options)
        }
        #expect(level.kind == .codec)
        #expect(level.message.contains("42"))
        #expect(try files(in: directory).isEmpty)
    }

    @Test func reportsAFolderThatDoesNotExist() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("missing/x.parquet").path
        let error = try #require(throws: ParquetError.self) {
            _ = try ParquetWriter(path: path, schema: Schema([Field("a", .int32)]))
        }
        #expect(error.kind == .io)
        #expect(error.message.hasPrefix("Cannot create the file '\(path).tmp-"))
        #expect(
            error.message.hasSuffix(": No such file or directory. Please check that the folder exists and is writable.")
        )
    }

    @Test func abortAndDeinitLeaveNoFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("gone.parquet").path
        let writer = try ParquetWriter(path: path, schema: Schema([Field("n", .int64, nullable: false)]))
        try writer.write(int64Batch("n", [1, 2, 3]))
        #expect(try files(in: directory).count == 1)
        #expect(try files(in: directory).first?.hasPrefix("gone.parquet.tmp-") == true)
        writer.abort()
        #expect(try files(in: directory).isEmpty)
        let closed = try #require(throws: ParquetError.self) { try writer.close() }
        #expect(closed.message == "The Parquet writer is already closed. Please create a new writer.")

        do {
            let abandoned = try ParquetWriter(path: path, schema: Schema([Field("n", .int64, nullable: false)]))
            try abandoned.write(int64Batch("n", [1]))
        }
        #expect(try files(in: directory).isEmpty)
    }

    @Test func keepsAnExistingFileUntilCloseSucceeds() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("kept.parquet", "old contents").path
        let writer = try ParquetWriter(path: path, schema: Schema([Field("n", .int64, nullable: false)]))
        try writer.write(int64Batch("n", [1]))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old contents")
        try writer.close()
        #expect(try writerTestFooter(path).numRows == 1)
        #expect(try files(in: directory) == ["kept.parquet"])
    }

    @Test func storesKeyValueMetadataAndLeavesOutHugeBounds() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("meta.parquet").path
        var options = ParquetWriterOptions()
        options.keyValueMetadata = ["source": "lab 7", "weir.run": "42"]
        let huge = String(repeating: "x", count: 5_000)
        let writer = try ParquetWriter(path: path, schema: stringBatch([]).schema, options: options)
        try writer.write(stringBatch(["a", huge, nil]))
        try writer.close()
        let footer = try writerTestFooter(path)
        #expect(
            footer.keyValueMetadata == [
                KeyValue(key: "source", value: "lab 7"), KeyValue(key: "weir.run", value: "42"),
            ])
        #expect(footer.columnOrders == [.typeDefinedOrder])
        let statistics = try #require(footer.rowGroups.first?.columns.first?.metaData?.statistics)
        #expect(statistics.nullCount == 1 && statistics.minValue == nil && statistics.maxValue == nil)

        let check = """
            import sys, pyarrow.parquet as pq
            m = pq.ParquetFile(sys.argv[1]).metadata
            print(m.metadata[b"source"].decode(), m.created_by, m.row_group(0).column(0).statistics.has_min_max)
            """
        #expect(try TestEnvironment.python(check, [path]).stdout == "lab 7 weir version 0.1.0 (build 1) False\n")
    }
}
