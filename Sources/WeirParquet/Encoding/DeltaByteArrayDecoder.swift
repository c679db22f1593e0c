import WeirColumns

/// Decodes DELTA_LENGTH_BYTE_ARRAY (all lengths DELTA_BINARY_PACKED, then all bytes) and
/// DELTA_BYTE_ARRAY (prefix lengths shared with the previous value, then the suffixes as
/// DELTA_LENGTH_BYTE_ARRAY).
enum DeltaByteArrayDecoder {
    /// Appends `count` DELTA_LENGTH_BYTE_ARRAY values; returns the bytes consumed.
    @discardableResult
    static func decodeLengthPrefixed(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout ByteArrays
    ) throws(ParquetError) -> Int {
        let lengths = try decodeLengths(input, count: count)
        var cursor = ByteCursor(input, position: lengths.end)
        output.offsets.reserveCapacity(output.offsets.count + count)
        for length in lengths.values {
            output.append(try cursor.bytes(length))
        }
        return cursor.position
    }

    /// Appends `count` DELTA_BYTE_ARRAY values.
    static func decodeIncremental(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout ByteArrays
    ) throws(ParquetError) {
        let prefixes = try decodeLengths(input, count: count)
        let suffixInput = UnsafeRawBufferPointer(rebasing: input[prefixes.end...])
        let suffixLengths = try decodeLengths(suffixInput, count: count)
        var cursor = ByteCursor(suffixInput, position: suffixLengths.end)
        output.offsets.reserveCapacity(output.offsets.count + count)
        // The previous value, kept apart so that copying its prefix never aliases the output.
        var current: [UInt8] = []
        for index in 0..<count {
            let prefix = prefixes.values[index]
            guard prefix <= current.count else {
                throw .corrupt(
                    "A DELTA_BYTE_ARRAY value shares a prefix of \(prefix) bytes with a previous value of \(current.count)."
                )
            }
            let suffix = try cursor.bytes(suffixLengths.values[index])
            current.removeSubrange(prefix...)
            current.append(contentsOf: suffix)
            output.append(contentsOf: current)
        }
    }

    /// Decodes `count` DELTA_BINARY_PACKED lengths, each checked to be non-negative and to fit the input.
    private static func decodeLengths(
        _ input: UnsafeRawBufferPointer, count: Int
    ) throws(ParquetError) -> (values: [Int], end: Int) {
        var decoder = try DeltaBinaryPackedDecoder(input, typeBits: 32)
        guard decoder.totalCount >= count else {
            throw .corrupt("The page announces \(decoder.totalCount) byte array lengths where \(count) values belong.")
        }
        var lengths = [Int32](repeating: 0, count: count)
        try lengths.withMutableBytes { (buffer) throws(ParquetError) in
            if count > 0 {
                try decoder.decode(into: buffer.baseAddress!.assumingMemoryBound(to: Int32.self), count: count)
            }
        }
        try decoder.skipToEnd()
        var values: [Int] = []
        values.reserveCapacity(count)
        for length in lengths {
            guard length >= 0, Int(length) <= input.count else {
                throw .corrupt("A byte array length of \(length) is invalid for a page of \(input.count) bytes.")
            }
            values.append(Int(length))
        }
        return (values, decoder.consumedBytes)
    }
}
