/// A data page of a nested leaf split into its parts: repetition and definition levels decoded
/// into the caller's buffers, values left encoded (and decompressed).
struct NestedDataPage {
    /// Level entries in the page: one per value, null or empty list.
    var numValues: Int
    /// How many entries carry a value (definition level at its maximum).
    var present: Int
    var encoding: Encoding
    /// The encoded values of the present entries. Points into the chunk or the scratch buffer.
    var values: UnsafeRawBufferPointer

    /// Splits `page`, writing its levels to `repetition` and `definition` (each with room for the
    /// page's values; zeros where the column has no such levels).
    ///
    /// - Throws: `.corrupt` when the levels are cut short or a level is above its maximum.
    static func open(
        _ page: PageLayout,
        in chunk: UnsafeRawBufferPointer,
        codec: ParquetCompressionCodec,
        maxRepetitionLevel: Int,
        maxDefinitionLevel: Int,
        scratch: UnsafeMutableRawBufferPointer,
        room: Int,
        repetition: UnsafeMutablePointer<UInt8>,
        definition: UnsafeMutablePointer<UInt8>
    ) throws(ParquetError) -> NestedDataPage {
        let body = UnsafeRawBufferPointer(rebasing: chunk[page.bodyOffset..<(page.bodyOffset + page.bodyLength)])
        let uncompressedSize = Int(page.header.uncompressedPageSize)
        if let header = page.header.dataPageHeaderV2, page.header.type == .dataPageV2 {
            let (repetitionLength, levelsLength) = try DataPage.levelsSections(
                header, body: body, uncompressedSize: uncompressedSize)
            let count = try checkedCount(header.numValues, room: room)
            try decodeLevels(
                UnsafeRawBufferPointer(rebasing: body[0..<repetitionLength]), encoding: .rle, count: count,
                maximum: maxRepetitionLevel, kind: "repetition", into: repetition)
            try decodeLevels(
                UnsafeRawBufferPointer(rebasing: body[repetitionLength..<levelsLength]), encoding: .rle, count: count,
                maximum: maxDefinitionLevel, kind: "definition", into: definition)
            let values = try DataPage.decompressed(
                UnsafeRawBufferPointer(rebasing: body[levelsLength...]),
                codec: header.isCompressed ?? true ? codec : .uncompressed,
                size: uncompressedSize - levelsLength, scratch: scratch)
            let present = countPresent(definition, count: count, maximum: maxDefinitionLevel)
            return NestedDataPage(numValues: count, present: present, encoding: header.encoding, values: values)
        }
        guard let header = page.header.dataPageHeader else {
            throw .corrupt("The data page has no data page header.")
        }
        let data = try DataPage.decompressed(body, codec: codec, size: uncompressedSize, scratch: scratch)
        let count = try checkedCount(header.numValues, room: room)
        var cursor = ByteCursor(data)
        for (kind, maximum, encoding, output) in [
            ("repetition", maxRepetitionLevel, header.repetitionLevelEncoding, repetition),
            ("definition", maxDefinitionLevel, header.definitionLevelEncoding, definition),
        ] {
            guard maximum > 0 else {
                output.update(repeating: 0, count: count)
                continue
            }
            let levels: UnsafeRawBufferPointer
            switch encoding {
            case .rle:
                let length = try cursor.uint32()
                levels = try cursor.bytes(Int(length))
            case .bitPacked:
                let (bits, overflow) = count.multipliedReportingOverflow(by: bitWidth(maximum))
                guard !overflow else { throw .corrupt("The data page claims \(count) values.") }
                levels = try cursor.bytes((bits + 7) / 8)
            default:
                throw .unsupported("The \(kind) levels use the encoding \(encoding), which Weir does not read.")
            }
            try decodeLevels(levels, encoding: encoding, count: count, maximum: maximum, kind: kind, into: output)
        }
        let values = UnsafeRawBufferPointer(rebasing: data[cursor.position...])
        let present = countPresent(definition, count: count, maximum: maxDefinitionLevel)
        return NestedDataPage(numValues: count, present: present, encoding: header.encoding, values: values)
    }

    /// The bits a level of at most `maximum` takes.
    static func bitWidth(_ maximum: Int) -> Int {
        maximum == 0 ? 0 : Int.bitWidth - maximum.leadingZeroBitCount
    }

    private static func checkedCount(_ numValues: Int32, room: Int) throws(ParquetError) -> Int {
        guard numValues >= 0, Int(numValues) <= room else {
            throw .corrupt("The data page claims \(numValues) values where the column chunk has \(room) left.")
        }
        return Int(numValues)
    }

    /// Decodes `count` levels, then checks that none is above `maximum`.
    private static func decodeLevels(
        _ levels: UnsafeRawBufferPointer, encoding: Encoding, count: Int, maximum: Int, kind: String,
        into output: UnsafeMutablePointer<UInt8>
    ) throws(ParquetError) {
        guard maximum > 0 else {
            output.update(repeating: 0, count: count)
            return
        }
        let width = bitWidth(maximum)
        if encoding == .bitPacked {
            // The deprecated BIT_PACKED encoding: most significant bit first.
            var bit = 0
            for index in 0..<count {
                var level = 0
                for _ in 0..<width {
                    level = level << 1 | Int((levels[bit >> 3] >> UInt8(7 - (bit & 7))) & 1)
                    bit += 1
                }
                output[index] = UInt8(truncatingIfNeeded: level)
            }
        } else {
            var decoder = try RleBitPackedDecoder(levels, bitWidth: width)
            do throws(ParquetError) {
                try decoder.decode(into: output, count: count)
            } catch {
                throw .corrupt("The data page's \(kind) levels end before its \(count) values: \(error.message)")
            }
        }
        var largest: UInt8 = 0
        for index in 0..<count { largest = max(largest, output[index]) }
        guard Int(largest) <= maximum else {
            throw .corrupt("A \(kind) level of \(largest) is above the column's maximum of \(maximum).")
        }
    }

    private static func countPresent(_ definition: UnsafeMutablePointer<UInt8>, count: Int, maximum: Int) -> Int {
        let top = UInt8(truncatingIfNeeded: maximum)
        var present = 0
        for index in 0..<count where definition[index] == top { present &+= 1 }
        return present
    }
}
