/// Reads varints and fixed-width little-endian integers from a buffer, checking every bound.
struct ByteCursor {
    let data: UnsafeRawBufferPointer
    var position: Int

    init(_ data: UnsafeRawBufferPointer, position: Int = 0) {
        self.data = data
        self.position = position
    }

    var remaining: Int { data.count - position }

    /// An unsigned LEB128 varint of at most ten bytes.
    mutating func varint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < data.count {
            let byte = data[position]
            position += 1
            if shift == 63 && byte > 1 { break }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
        throw .corrupt("A varint is truncated or longer than 64 bits.")
    }

    /// A zigzag varint, returned as the bit pattern of the signed value.
    mutating func zigZag() throws(ParquetError) -> UInt64 {
        let raw = try varint()
        return (raw >> 1) ^ (0 &- (raw & 1))
    }

    /// A little-endian `UInt32`.
    mutating func uint32() throws(ParquetError) -> UInt32 {
        guard remaining >= 4 else { throw .corrupt("The data ends in the middle of a 4-byte length.") }
        let value = UInt32(littleEndian: data.loadUnaligned(fromByteOffset: position, as: UInt32.self))
        position += 4
        return value
    }

    /// The next `count` bytes.
    mutating func bytes(_ count: Int) throws(ParquetError) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else {
            throw .corrupt("A value claims \(count) bytes but only \(remaining) remain.")
        }
        let slice = UnsafeRawBufferPointer(rebasing: data[position..<(position + count)])
        position += count
        return slice
    }
}
