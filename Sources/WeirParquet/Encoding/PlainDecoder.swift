import WeirColumns

/// Decodes PLAIN-encoded values: fixed-width little-endian values back to back, booleans one bit
/// each (least significant first), byte arrays each after a 4-byte little-endian length.
enum PlainDecoder {
    /// Copies `count` values of `width` bytes; returns the bytes consumed.
    @discardableResult
    static func decodeFixed(
        _ input: UnsafeRawBufferPointer, count: Int, width: Int, into output: UnsafeMutableRawPointer
    ) throws(ParquetError) -> Int {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, bytes <= input.count else {
            throw .corrupt(
                "The page holds \(input.count) bytes of values where \(count) values of \(width) bytes belong.")
        }
        if bytes > 0 { output.copyMemory(from: input.baseAddress!, byteCount: bytes) }
        return bytes
    }

    /// Unpacks `count` bit-packed booleans as bytes 0 or 1.
    static func decodeBooleans(
        _ input: UnsafeRawBufferPointer, count: Int, into output: UnsafeMutablePointer<UInt8>
    ) throws(ParquetError) {
        guard count <= input.count * 8 else {
            throw .corrupt("The page holds \(input.count) bytes of booleans where \(count) values belong.")
        }
        for index in 0..<count {
            output[index] = (input[index >> 3] >> UInt8(index & 7)) & 1
        }
    }

    /// Appends `count` length-prefixed byte arrays; returns the bytes consumed.
    @discardableResult
    static func decodeByteArrays(
        _ input: UnsafeRawBufferPointer, count: Int, into output: inout ByteArrays
    ) throws(ParquetError) -> Int {
        var cursor = ByteCursor(input)
        // Each value takes at least its 4-byte length, which bounds the reservation.
        guard count <= input.count / 4 else {
            throw .corrupt("The page holds \(input.count) bytes of byte arrays where \(count) values belong.")
        }
        output.offsets.reserveCapacity(output.offsets.count + count)
        for _ in 0..<count {
            let length = try cursor.uint32()
            let value = try cursor.bytes(Int(length))
            output.append(value)
        }
        return cursor.position
    }
}

/// Decodes BYTE_STREAM_SPLIT values: byte `k` of every value comes from the `k`-th of `width`
/// consecutive streams of `count` bytes each.
enum ByteStreamSplitDecoder {
    static func decode(
        _ input: UnsafeRawBufferPointer, count: Int, width: Int, into output: UnsafeMutableRawPointer
    ) throws(ParquetError) {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, bytes <= input.count else {
            throw .corrupt(
                "The BYTE_STREAM_SPLIT page holds \(input.count) bytes where \(count) values of \(width) bytes belong.")
        }
        guard count > 0 else { return }
        // Streams are as long as the page has values; that is `count` unless a writer padded them.
        let stride = input.count / width
        let source = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let target = output.assumingMemoryBound(to: UInt8.self)
        for stream in 0..<width {
            let streamStart = source + stream * stride
            var slot = target + stream
            for index in 0..<count {
                slot.pointee = streamStart[index]
                slot += width
            }
        }
    }
}
