/// A data page split into its parts, with the values section decompressed.
struct DataPage {
    /// Values including nulls: one per row for a flat column.
    var numValues: Int
    var encoding: Encoding
    /// The encoded values of the non-null rows. Points into the chunk or the scratch buffer.
    var values: UnsafeRawBufferPointer

    /// Splits `page` (a body in `chunk`), decoding its definition levels into `validity` (one flag
    /// per value) when the column is optional; returns the page and its number of non-null values.
    static func open(
        _ page: PageLayout,
        in chunk: UnsafeRawBufferPointer,
        codec: ParquetCompressionCodec,
        maxDefinitionLevel: Int,
        scratch: UnsafeMutableRawBufferPointer,
        validity: UnsafeMutablePointer<UInt8>?
    ) throws(ParquetError) -> (page: DataPage, present: Int) {
        let body = UnsafeRawBufferPointer(rebasing: chunk[page.bodyOffset..<(page.bodyOffset + page.bodyLength)])
        let uncompressedSize = Int(page.header.uncompressedPageSize)
        if let header = page.header.dataPageHeaderV2, page.header.type == .dataPageV2 {
            let (repetitionLength, levelsLength) = try levelsSections(
                header, body: body, uncompressedSize: uncompressedSize)
            let count = Int(header.numValues)
            var present = count
            if maxDefinitionLevel > 0, let validity {
                let levels = UnsafeRawBufferPointer(
                    rebasing: body[repetitionLength..<levelsLength])
                present = try decodeLevels(levels, count: count, into: validity)
            }
            let values = try decompressed(
                UnsafeRawBufferPointer(rebasing: body[levelsLength...]),
                codec: header.isCompressed ?? true ? codec : .uncompressed,
                size: uncompressedSize - levelsLength, scratch: scratch)
            return (DataPage(numValues: count, encoding: header.encoding, values: values), present)
        }
        guard let header = page.header.dataPageHeader else {
            throw .corrupt("The data page has no data page header.")
        }
        let data = try decompressed(body, codec: codec, size: uncompressedSize, scratch: scratch)
        let count = Int(header.numValues)
        var present = count
        var cursor = ByteCursor(data)
        if maxDefinitionLevel > 0, let validity {
            switch header.definitionLevelEncoding {
            case .rle:
                let length = try cursor.uint32()
                let levels = try cursor.bytes(Int(length))
                present = try decodeLevels(levels, count: count, into: validity)
            case .bitPacked:
                let levels = try cursor.bytes((count + 7) / 8)
                present = decodeBitPackedLevels(levels, count: count, into: validity)
            default:
                throw .unsupported("The definition levels use the encoding \(header.definitionLevelEncoding).")
            }
        }
        let values = UnsafeRawBufferPointer(rebasing: data[cursor.position...])
        return (DataPage(numValues: count, encoding: header.encoding, values: values), present)
    }

    /// Where a V2 page's levels end: the byte after the repetition levels, and after both (the
    /// values start there), checked against the page's body and its uncompressed size.
    static func levelsSections(
        _ header: DataPageHeaderV2, body: UnsafeRawBufferPointer, uncompressedSize: Int
    ) throws(ParquetError) -> (repetitionEnd: Int, levelsEnd: Int) {
        let repetitionLength = Int(header.repetitionLevelsByteLength)
        let definitionLength = Int(header.definitionLevelsByteLength)
        let levelsLength = repetitionLength &+ definitionLength
        guard repetitionLength >= 0, definitionLength >= 0, levelsLength <= body.count,
            levelsLength <= uncompressedSize
        else {
            throw .corrupt(
                "The data page's levels claim \(repetitionLength) + \(definitionLength) bytes of its \(body.count).")
        }
        return (repetitionLength, levelsLength)
    }

    /// `bytes` as they are when `codec` is uncompressed, else decompressed into `scratch` (`size` bytes).
    static func decompressed(
        _ bytes: UnsafeRawBufferPointer, codec: ParquetCompressionCodec, size: Int,
        scratch: UnsafeMutableRawBufferPointer
    ) throws(ParquetError) -> UnsafeRawBufferPointer {
        guard codec != .uncompressed else { return bytes }
        let target = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<size])
        try PageDecompressor.decompress(bytes, codec: codec, into: target)
        return UnsafeRawBufferPointer(target)
    }

    /// Decodes RLE/bit-packed definition levels of a flat optional column (bit width 1) as 0/1
    /// flags; returns how many are 1.
    private static func decodeLevels(
        _ levels: UnsafeRawBufferPointer, count: Int, into validity: UnsafeMutablePointer<UInt8>
    ) throws(ParquetError) -> Int {
        var decoder = try RleBitPackedDecoder(levels, bitWidth: 1)
        try decoder.decode(into: validity, count: count)
        var present = 0
        for index in 0..<count { present &+= Int(validity[index]) }
        return present
    }

    /// Decodes the deprecated BIT_PACKED levels, most significant bit first.
    private static func decodeBitPackedLevels(
        _ levels: UnsafeRawBufferPointer, count: Int, into validity: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var present = 0
        for index in 0..<count {
            let bit = (levels[index >> 3] >> UInt8(7 - (index & 7))) & 1
            validity[index] = bit
            present &+= Int(bit)
        }
        return present
    }
}
