import Testing
import WeirParquet

@Suite struct MetadataRoundTripTests {
    private func roundTrip<T: ThriftDecodable & ThriftEncodable & Equatable>(_ value: T) throws {
        let decoded = try T.decode(value.thriftBytes)
        #expect(decoded == value)
    }

    static let logicalTypes: [LogicalType] = [
        .string, .map, .list, .enum, .decimal(scale: 2, precision: 10), .date,
        .time(isAdjustedToUTC: true, unit: .millis), .time(isAdjustedToUTC: false, unit: .nanos),
        .timestamp(isAdjustedToUTC: true, unit: .micros), .timestamp(isAdjustedToUTC: false, unit: .millis),
        .integer(bitWidth: 8, isSigned: false), .integer(bitWidth: 64, isSigned: true), .unknown, .json, .bson,
        .uuid, .float16, .variant(specificationVersion: 1), .variant(specificationVersion: nil),
        .geometry(crs: "OGC:CRS84"), .geography(crs: nil, algorithm: 2), .vector, .unrecognized(42),
    ]

    @Test(arguments: logicalTypes)
    func logicalTypesRoundTrip(type: LogicalType) throws {
        try roundTrip(type)
    }

    @Test func fileMetaDataRoundTrips() throws {
        let statistics = Statistics(
            max: [9], min: [1], nullCount: 2, distinctCount: 5, maxValue: [0, 0, 0, 9], minValue: [1, 0, 0, 0],
            isMaxValueExact: true, isMinValueExact: false, nanCount: 0)
        let column = ColumnMetaData(
            type: .int32, encodings: [.plain, .rle, .rleDictionary, .unknown(99)], pathInSchema: ["a", "b"],
            codec: .zstd, numValues: 1_000, totalUncompressedSize: 4_000, totalCompressedSize: 1_200,
            keyValueMetadata: [KeyValue(key: "k", value: "v"), KeyValue(key: "nothing")], dataPageOffset: 4,
            indexPageOffset: 7, dictionaryPageOffset: 4, statistics: statistics,
            encodingStats: [PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1)],
            bloomFilterOffset: 9_999, bloomFilterLength: 32)
        let chunk = ColumnChunk(
            filePath: nil, fileOffset: 1_204, metaData: column, offsetIndexOffset: 5_000, offsetIndexLength: 20,
            columnIndexOffset: 5_020, columnIndexLength: 30)
        let metadata = FileMetaData(
            version: 2,
            schema: [
                SchemaElement(name: "schema", numChildren: 2),
                SchemaElement(
                    type: .int32, repetitionType: .optional, name: "price", convertedType: .decimal, scale: 2,
                    precision: 9, fieldID: 3, logicalType: .decimal(scale: 2, precision: 9)),
                SchemaElement(type: .fixedLenByteArray, typeLength: 16, repetitionType: .required, name: "id"),
            ],
            numRows: 1_000,
            rowGroups: [
                RowGroup(
                    columns: [chunk, chunk], totalByteSize: 8_000, numRows: 1_000,
                    sortingColumns: [SortingColumn(columnIdx: 0, descending: true, nullsFirst: false)],
                    fileOffset: 4, totalCompressedSize: 2_400, ordinal: 0)
            ],
            keyValueMetadata: [KeyValue(key: "ARROW:schema", value: "…")],
            createdBy: "parquet-cpp-arrow version 20.0.0",
            columnOrders: [.typeDefinedOrder, .ieee754TotalOrder]
        )
        try roundTrip(metadata)
    }

    @Test func pageHeadersRoundTrip() throws {
        try roundTrip(
            PageHeader(
                type: .dataPage, uncompressedPageSize: 100, compressedPageSize: 80, crc: -5,
                dataPageHeader: DataPageHeader(
                    numValues: 10, encoding: .plain, definitionLevelEncoding: .rle, repetitionLevelEncoding: .bitPacked,
                    statistics: Statistics(nullCount: 0))))
        try roundTrip(
            PageHeader(
                type: .dictionaryPage, uncompressedPageSize: 10, compressedPageSize: 10,
                dictionaryPageHeader: DictionaryPageHeader(numValues: 3, encoding: .plainDictionary, isSorted: false)))
        try roundTrip(
            PageHeader(
                type: .dataPageV2, uncompressedPageSize: 300, compressedPageSize: 120,
                dataPageHeaderV2: DataPageHeaderV2(
                    numValues: 50, numNulls: 3, numRows: 50, encoding: .deltaBinaryPacked,
                    definitionLevelsByteLength: 4, repetitionLevelsByteLength: 0, isCompressed: false)))
    }

    @Test func enumsKeepUnknownNumbers() {
        #expect(Encoding(rawValue: 42) == .unknown(42))
        #expect(Encoding(rawValue: 42).rawValue == 42)
        #expect(PhysicalType(rawValue: 7) == .fixedLenByteArray)
        #expect(ConvertedType(rawValue: 21).description == "INTERVAL")
        #expect(ParquetCompressionCodec(rawValue: 7).compressionCodec == .lz4Raw)
        #expect(ParquetCompressionCodec.lzo.compressionCodec == nil)
    }
}
