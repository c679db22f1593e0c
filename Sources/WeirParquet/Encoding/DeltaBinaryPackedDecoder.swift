/// Decodes DELTA_BINARY_PACKED integers: a header (block size, miniblocks per block, value count,
/// first value), then blocks of a minimum delta, one bit width per miniblock and the bit-packed
/// deltas. Arithmetic wraps, as the encoding specifies, so any 32- or 64-bit sequence round-trips.
struct DeltaBinaryPackedDecoder {
    private let data: UnsafeRawBufferPointer
    private var position: Int
    /// Values the header announces.
    let totalCount: Int
    private let valuesPerMiniblock: Int
    private let miniblocksPerBlock: Int
    private let maximumBitWidth: Int
    private var produced = 0
    private var lastValue: UInt64
    private var minDelta: UInt64 = 0
    private var bitWidths: [UInt8]
    private var miniblockIndex = 0
    private var miniblockRemaining = 0
    private var miniblockBitOffset = 0
    private var miniblockBitWidth = 0

    /// - Parameter typeBits: 32 or 64, the width of the column's integers. Deltas may still be up to
    ///   64 bits wide: DuckDB computes the deltas of INT32 columns in 64 bits (a miniblock of 33 bits
    ///   between -2³¹ and 2³¹ - 1), and the sums, taken modulo 2⁶⁴ and cut to `typeBits`, are the
    ///   values it meant, as DuckDB itself reads them.
    init(_ data: UnsafeRawBufferPointer, typeBits: Int) throws(ParquetError) {
        self.data = data
        self.position = 0
        self.maximumBitWidth = Swift.max(typeBits, 64)
        var cursor = ByteCursor(data)
        let blockSize = try cursor.varint()
        let miniblocks = try cursor.varint()
        let count = try cursor.varint()
        let first = try cursor.zigZag()
        position = cursor.position
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20 else {
            throw .corrupt("The DELTA_BINARY_PACKED block size \(blockSize) is not a positive multiple of 128.")
        }
        guard miniblocks > 0, blockSize % miniblocks == 0, (blockSize / miniblocks) % 32 == 0 else {
            throw .corrupt(
                "The DELTA_BINARY_PACKED block of \(blockSize) values cannot hold \(miniblocks) miniblocks "
                    + "of a multiple of 32 values.")
        }
        guard count <= UInt64(Int32.max) else {
            throw .corrupt("The DELTA_BINARY_PACKED header announces \(count) values, more than a page holds.")
        }
        totalCount = Int(count)
        miniblocksPerBlock = Int(miniblocks)
        valuesPerMiniblock = Int(blockSize / miniblocks)
        lastValue = first
        bitWidths = Array(repeating: 0, count: Int(miniblocks))
    }

    /// The offset just past everything consumed so far; after the last value, the end of the encoding.
    var consumedBytes: Int { position }

    /// Writes the next `count` values, truncated to `T`.
    mutating func decode<T: FixedWidthInteger>(into output: UnsafeMutablePointer<T>, count: Int) throws(ParquetError) {
        guard count <= totalCount - produced else {
            throw .corrupt(
                "The DELTA_BINARY_PACKED data holds \(totalCount) values where \(produced + count) are needed.")
        }
        var index = 0
        if produced == 0 && count > 0 {
            output[0] = T(truncatingIfNeeded: lastValue)
            produced = 1
            index = 1
        }
        while index < count {
            if miniblockRemaining == 0 { try startMiniblock() }
            let take = Swift.min(miniblockRemaining, count - index)
            let width = miniblockBitWidth
            let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
            var value = lastValue
            var bitOffset = miniblockBitOffset
            for slot in index..<(index + take) {
                let delta = width == 0 ? 0 : extract(bitOffset: bitOffset, width: width, mask: mask)
                value = value &+ minDelta &+ delta
                output[slot] = T(truncatingIfNeeded: value)
                bitOffset += width
            }
            lastValue = value
            miniblockBitOffset = bitOffset
            miniblockRemaining -= take
            index += take
            produced += take
        }
    }

    /// Decodes the remaining values only to find where the encoding ends.
    mutating func skipToEnd() throws(ParquetError) {
        let remaining = totalCount - produced
        guard remaining > 0 else { return }
        var scratch = [Int64](repeating: 0, count: Swift.min(remaining, 1024))
        var left = remaining
        while left > 0 {
            let take = Swift.min(left, scratch.count)
            try scratch.withMutableBytes { (buffer) throws(ParquetError) in
                try decode(into: buffer.baseAddress!.assumingMemoryBound(to: Int64.self), count: take)
            }
            left -= take
        }
    }

    private mutating func startMiniblock() throws(ParquetError) {
        if miniblockIndex == 0 || miniblockIndex == miniblocksPerBlock {
            var cursor = ByteCursor(data, position: position)
            minDelta = try cursor.zigZag()
            guard data.count - cursor.position >= miniblocksPerBlock else {
                throw .corrupt("The DELTA_BINARY_PACKED data ends in the middle of a block header.")
            }
            for index in 0..<miniblocksPerBlock {
                bitWidths[index] = data[cursor.position + index]
            }
            position = cursor.position + miniblocksPerBlock
            miniblockIndex = 0
        }
        let width = Int(bitWidths[miniblockIndex])
        guard width <= maximumBitWidth else {
            throw .corrupt("A DELTA_BINARY_PACKED miniblock has a bit width of \(width), above \(maximumBitWidth).")
        }
        let bytes = valuesPerMiniblock * width / 8
        // The last miniblock may be cut short after the last value; only the values present count.
        let available = Swift.min(bytes, data.count - position)
        let values = width == 0 ? valuesPerMiniblock : Swift.min(valuesPerMiniblock, available * 8 / width)
        guard values > 0 else {
            throw .corrupt("The DELTA_BINARY_PACKED data ends in the middle of a miniblock.")
        }
        miniblockBitWidth = width
        miniblockBitOffset = position * 8
        miniblockRemaining = values
        position += available
        miniblockIndex += 1
    }

    private func extract(bitOffset: Int, width: Int, mask: UInt64) -> UInt64 {
        let byte = bitOffset >> 3
        let shift = UInt64(bitOffset & 7)
        let low = load(byte)
        var value = low >> shift
        if shift + UInt64(width) > 64 {
            value |= load(byte + 8) << (64 - shift)
        }
        return value & mask
    }

    private func load(_ byte: Int) -> UInt64 {
        if byte + 8 <= data.count {
            return UInt64(littleEndian: data.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
        }
        var word: UInt64 = 0
        for index in 0..<Swift.max(0, Swift.min(8, data.count - byte)) {
            word |= UInt64(data[byte + index]) << (8 * UInt64(index))
        }
        return word
    }
}
