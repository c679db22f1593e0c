/// The pages of a column chunk as the encoder produces them, and the totals its metadata needs.
struct ChunkAssembly {
    var dictionaryPage: EncodedPage?
    var dataPages: [EncodedPage] = []
    var dictionaryDataPages = 0
    var plainDataPages = 0

    mutating func append(_ page: EncodedPage, encoding: Encoding) {
        dataPages.append(page)
        if encoding == .rleDictionary { dictionaryDataPages += 1 } else { plainDataPages += 1 }
    }

    func chunk(
        column: WriterColumn,
        codec: ParquetCompressionCodec,
        rows: Int,
        statistics: ChunkStatistics
    ) -> EncodedChunk {
        var pages = dataPages
        if let dictionaryPage { pages.insert(dictionaryPage, at: 0) }
        let stored = pages.reduce(0) { $0 + $1.storedSize }
        let uncompressed = pages.reduce(0) { $0 + $1.header.count + $1.uncompressedSize }

        var encodings: [Encoding] = []
        var encodingStats: [PageEncodingStats] = []
        if dictionaryPage != nil {
            encodingStats.append(PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1))
        }
        if dictionaryDataPages > 0 {
            encodingStats.append(
                PageEncodingStats(pageType: .dataPage, encoding: .rleDictionary, count: Int32(dictionaryDataPages)))
        }
        if plainDataPages > 0 {
            encodingStats.append(PageEncodingStats(pageType: .dataPage, encoding: .plain, count: Int32(plainDataPages)))
        }
        if dictionaryPage != nil || plainDataPages > 0 { encodings.append(.plain) }
        if column.isOptional || column.maxRepetition > 0 || dictionaryDataPages > 0 { encodings.append(.rle) }
        if dictionaryDataPages > 0 { encodings.append(.rleDictionary) }

        let dictionarySize = dictionaryPage?.storedSize ?? 0
        let metadata = ColumnMetaData(
            type: column.physicalType,
            encodings: encodings,
            pathInSchema: column.path,
            codec: codec,
            numValues: Int64(rows),
            totalUncompressedSize: Int64(uncompressed),
            totalCompressedSize: Int64(stored),
            dataPageOffset: Int64(dictionarySize),
            dictionaryPageOffset: dictionaryPage == nil ? nil : 0,
            statistics: Self.thrift(statistics),
            encodingStats: encodingStats
        )
        return EncodedChunk(pages: pages, hasDictionaryPage: dictionaryPage != nil, metadata: metadata)
    }

    private static func thrift(_ statistics: ChunkStatistics) -> Statistics {
        let bounded = statistics.min != nil && statistics.max != nil
        return Statistics(
            max: bounded && statistics.isSigned ? statistics.max : nil,
            min: bounded && statistics.isSigned ? statistics.min : nil,
            nullCount: Int64(statistics.nullCount),
            maxValue: statistics.max,
            minValue: statistics.min,
            isMaxValueExact: bounded ? true : nil,
            isMinValueExact: bounded ? true : nil
        )
    }
}
