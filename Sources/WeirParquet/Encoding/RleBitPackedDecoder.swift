/// Decodes the RLE/bit-packed hybrid encoding of definition levels, dictionary indices and RLE booleans.
///
/// The input alternates runs: a varint header whose low bit selects a bit-packed run of
/// `(header >> 1) × 8` values or a repeated run of `header >> 1` copies of one value stored in
/// `⌈bitWidth / 8⌉` little-endian bytes. Every run is checked against the remaining bytes and every
/// repeated value against the bit width; a request for more values than the input holds throws.
struct RleBitPackedDecoder {
    private let data: UnsafeRawBufferPointer
    private var position = 0
    let bitWidth: Int
    private let mask: UInt64
    private var repeatedRemaining = 0
    private var repeatedValue: UInt32 = 0
    private var packedRemaining = 0
    private var packedBitOffset = 0

    /// - Throws: `.corrupt` when `bitWidth` is above 32.
    init(_ data: UnsafeRawBufferPointer, bitWidth: Int) throws(ParquetError) {
        guard (0...32).contains(bitWidth) else {
            throw .corrupt("The RLE/bit-packed data has a bit width of \(bitWidth); at most 32 is valid.")
        }
        self.data = data
        self.bitWidth = bitWidth
        self.mask = (1 << UInt64(bitWidth)) - 1
    }

    /// The offset just past the runs consumed so far.
    var consumedBytes: Int { position }

    /// Writes the next `count` values to `output`.
    mutating func decode<T: FixedWidthInteger>(into output: UnsafeMutablePointer<T>, count: Int) throws(ParquetError) {
        var written = 0
        while written < count {
            if repeatedRemaining > 0 {
                let take = Swift.min(repeatedRemaining, count - written)
                let value = T(truncatingIfNeeded: repeatedValue)
                (output + written).update(repeating: value, count: take)
                repeatedRemaining -= take
                written += take
            } else if packedRemaining > 0 {
                let take = Swift.min(packedRemaining, count - written)
                var index = 0
                // Value by value up to a byte boundary, then eight values at a time while eight
                // bytes can be loaded past the last group, then value by value again.
                while index < take && (packedBitOffset + index * bitWidth) & 7 != 0 {
                    output[written + index] = T(truncatingIfNeeded: unpack(at: packedBitOffset + index * bitWidth))
                    index += 1
                }
                let firstByte = (packedBitOffset + index * bitWidth) >> 3
                let loadable = (data.count - 8 - firstByte) / Swift.max(bitWidth, 1) - 1
                let groups = Swift.max(0, Swift.min((take - index) / 8, loadable))
                if groups > 0 && bitWidth > 0 {
                    BitUnpacking.unpack(
                        data.baseAddress! + firstByte, into: output + written + index, groups: groups,
                        bitWidth: bitWidth)
                    index += groups * 8
                }
                while index < take {
                    output[written + index] = T(truncatingIfNeeded: unpack(at: packedBitOffset + index * bitWidth))
                    index += 1
                }
                packedBitOffset += take * bitWidth
                packedRemaining -= take
                written += take
            } else {
                try readRunHeader()
            }
        }
    }

    /// Skips to the next run: a repeated value or a block of bit-packed groups.
    private mutating func readRunHeader() throws(ParquetError) {
        let header = try readVarint()
        let length = header >> 1
        if header & 1 == 1 {
            // Groups of eight values; a writer may stop the last run short of its declared groups.
            let declaredBytes = length.multipliedReportingOverflow(by: UInt64(bitWidth))
            let available = data.count - position
            let bytes =
                declaredBytes.overflow ? available : Int(Swift.min(declaredBytes.partialValue, UInt64(available)))
            packedBitOffset = position * 8
            packedRemaining = bitWidth == 0 ? Int(Swift.min(length, UInt64(Int32.max))) * 8 : bytes * 8 / bitWidth
            position += bytes
            if packedRemaining == 0 && length > 0 && bitWidth > 0 {
                throw .corrupt("The RLE/bit-packed data ends in the middle of a bit-packed run.")
            }
        } else {
            let width = (bitWidth + 7) / 8
            guard data.count - position >= width else {
                throw .corrupt("The RLE/bit-packed data ends in the middle of a repeated run.")
            }
            var value: UInt32 = 0
            for byte in 0..<width {
                value |= UInt32(data[position + byte]) << (8 * UInt32(byte))
            }
            position += width
            guard UInt64(value) & ~mask == 0 else {
                throw .corrupt("The RLE/bit-packed data repeats the value \(value), wider than its \(bitWidth) bits.")
            }
            repeatedValue = value
            repeatedRemaining = Int(Swift.min(length, UInt64(Int32.max)))
        }
    }

    /// The `bitWidth`-bit value starting at bit `bitOffset`, least significant bit first.
    private func unpack(at bitOffset: Int) -> UInt32 {
        let byte = bitOffset >> 3
        let shift = UInt64(bitOffset & 7)
        var word: UInt64
        if byte + 8 <= data.count {
            word = UInt64(littleEndian: data.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
        } else {
            word = 0
            for index in 0..<Swift.max(0, Swift.min(8, data.count - byte)) {
                word |= UInt64(data[byte + index]) << (8 * UInt64(index))
            }
        }
        return UInt32(truncatingIfNeeded: (word >> shift) & mask)
    }

    private mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < data.count {
            let byte = data[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { break }
        }
        throw .corrupt("The RLE/bit-packed data ends in the middle of a run header.")
    }
}
