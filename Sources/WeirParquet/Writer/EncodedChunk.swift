/// A page ready for the file: its Thrift header and its body as stored (compressed).
struct EncodedPage: Sendable {
    var header: [UInt8]
    var body: [UInt8]
    var uncompressedSize: Int

    var storedSize: Int { header.count + body.count }
}

/// A column chunk encoded in memory, waiting for its place in the file.
struct EncodedChunk: Sendable {
    /// The pages in file order; the dictionary page, if any, comes first.
    var pages: [EncodedPage]
    var hasDictionaryPage: Bool
    /// The column metadata with offsets relative to the chunk's first byte.
    var metadata: ColumnMetaData

    /// The bytes the chunk takes in the file.
    var storedSize: Int { pages.reduce(0) { $0 + $1.storedSize } }

    /// The column chunk entry of a row group for the chunk written at `offset`.
    func columnChunk(at offset: Int64) -> ColumnChunk {
        var metadata = metadata
        metadata.dataPageOffset += offset
        if let dictionary = metadata.dictionaryPageOffset { metadata.dictionaryPageOffset = dictionary + offset }
        return ColumnChunk(fileOffset: offset, metaData: metadata)
    }
}

/// Compresses one page body with the chunk's codec.
typealias PageCompressor = @Sendable (UnsafeRawBufferPointer) throws(ParquetError) -> [UInt8]
