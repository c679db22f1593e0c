import Testing
import WeirColumns
import WeirParquet

/// Small files whose claims would make a reader allocate without bound are refused up front.
@Suite struct ExpansionLimitTests {
    /// A required INT64 column whose one data page repeats dictionary entry 0 `rows` times.
    private static func repeatedDictionaryFile(rows: Int32) -> [UInt8] {
        var dictionaryValues: [UInt8] = []
        withUnsafeBytes(of: Int64(99).littleEndian) { dictionaryValues.append(contentsOf: $0) }
        let dictionaryPage =
            PageHeader(
                type: .dictionaryPage, uncompressedPageSize: 8, compressedPageSize: 8,
                dictionaryPageHeader: DictionaryPageHeader(numValues: 1)
            ).thriftBytes + dictionaryValues
        // Bit width 1, then one repeated run of `rows` zeros: a varint header of rows << 1.
        var run: [UInt8] = [1]
        var header = UInt64(rows) << 1
        while header >= 0x80 {
            run.append(UInt8(header & 0x7F) | 0x80)
            header >>= 7
        }
        run += [UInt8(header), 0]
        let dataPage =
            PageHeader(
                type: .dataPage, uncompressedPageSize: Int32(run.count), compressedPageSize: Int32(run.count),
                dataPageHeader: DataPageHeader(numValues: rows, encoding: .rleDictionary)
            ).thriftBytes + run
        let chunkBytes = dictionaryPage + dataPage
        let element = SchemaElement(type: .int64, repetitionType: .required, name: "n")
        let metadata = FileMetaData(
            schema: [SchemaElement(name: "schema", numChildren: 1), element], numRows: Int64(rows),
            rowGroups: [
                RowGroup(
                    columns: [
                        ColumnChunk(
                            fileOffset: 4,
                            metaData: ColumnMetaData(
                                type: .int64, encodings: [.plain, .rleDictionary], pathInSchema: ["n"],
                                codec: .uncompressed, numValues: Int64(rows),
                                totalUncompressedSize: Int64(chunkBytes.count),
                                totalCompressedSize: Int64(chunkBytes.count),
                                dataPageOffset: Int64(4 + dictionaryPage.count),
                                dictionaryPageOffset: 4))
                    ], totalByteSize: Int64(chunkBytes.count), numRows: Int64(rows))
            ])
        let footer = metadata.thriftBytes
        var file = ParquetFormat.magic + chunkBytes + footer
        withUnsafeBytes(of: UInt32(footer.count).littleEndian) { file.append(contentsOf: $0) }
        return file + ParquetFormat.magic
    }

    @Test func aLongRunOfOneValueDecodes() throws {
        let reader = try ParquetFileReader(bytes: Self.repeatedDictionaryFile(rows: 1_000))
        #expect(try reader.readRowGroup(0).columns[0].storage == .int64(Array(repeating: 99, count: 1_000)))
    }

    @Test func aRowGroupDecodingBeyondFourGiBIsRefused() throws {
        let reader = try ParquetFileReader(bytes: Self.repeatedDictionaryFile(rows: Int32.max))
        let error = try #require(throws: ParquetError.self) { try reader.readRowGroup(0) }
        #expect(error.kind == .unsupported)
        #expect(
            error.message
                == "Column 'n' would decode to more than 4 GiB in one row group, more than Weir reads at once. "
                + "Rewrite the file with smaller row groups.")
    }

    @Test func fixedWidthValuesWiderThanEveryPageAreRefused() throws {
        let element = SchemaElement(type: .fixedLenByteArray, typeLength: 1 << 30, repetitionType: .required, name: "n")
        let bytes = HandmadeFile.bytes(element: element)
        let reader = try ParquetFileReader(bytes: bytes)
        let error = try #require(throws: ParquetError.self) { try reader.readRowGroup(0) }
        #expect(error.kind == .corrupt)
        #expect(error.message == "Column 'n' declares values of 1073741824 bytes, wider than any of its pages.")
    }
}
