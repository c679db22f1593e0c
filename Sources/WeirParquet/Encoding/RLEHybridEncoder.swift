/// Writes the RLE / bit-packing hybrid encoding of Parquet's definition levels and dictionary
/// indices.
///
/// Repeats of eight or more equal values become RLE runs; everything else is bit-packed in groups
/// of eight, least significant bit first. Only the last bit-packed run is padded with zeros, as
/// the format allows, because a reader knows how many values the page holds.
enum RLEHybridEncoder {
    /// The shortest repeat worth an RLE run.
    static let minimumRun = 8

    /// An upper bound of the encoded size of `count` values of `bitWidth` bits, without the
    /// four-byte length prefix that definition levels carry.
    static func maxEncodedSize(count: Int, bitWidth: Int) -> Int {
        let groups = (count + 7) / 8
        let runs = count / minimumRun + 1
        // Packed bytes, plus for every RLE run a varint header and a value, plus a header for
        // every literal run between them.
        return groups * bitWidth + runs * (5 + (bitWidth + 7) / 8) + (runs + 1) * 5
    }

    /// The number of bits needed to hold `maximum` (at least 1).
    static func bitWidth(forMaximum maximum: UInt32) -> Int {
        max(1, UInt32.bitWidth - maximum.leadingZeroBitCount)
    }

    /// Encodes `values`, each below `1 << bitWidth`, into `output`.
    static func encode<T: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeBufferPointer<T>,
        bitWidth: Int,
        into output: inout EncoderOutput
    ) {
        precondition((0...32).contains(bitWidth), "bit width must be between 0 and 32")
        let count = values.count
        var literalStart = 0
        var index = 0
        while index < count {
            let value = values[index]
            var end = index + 1
            while end < count && values[end] == value { end += 1 }
            let run = end - index
            if run >= minimumRun {
                // Pad the pending literal values to a whole group with values of this run.
                let pending = index - literalStart
                let borrow = (8 - pending % 8) % 8
                if run - borrow >= minimumRun {
                    if pending + borrow > 0 {
                        packLiteral(values, from: literalStart, to: index + borrow, bitWidth: bitWidth, into: &output)
                    }
                    writeRun(UInt32(truncatingIfNeeded: value), count: run - borrow, bitWidth: bitWidth, into: &output)
                    literalStart = end
                }
            }
            index = end
        }
        if literalStart < count {
            packLiteral(values, from: literalStart, to: count, bitWidth: bitWidth, into: &output)
        }
    }

    /// Encodes `count` copies of `value` as RLE runs.
    static func encodeRepeated(_ value: UInt32, count: Int, bitWidth: Int, into output: inout EncoderOutput) {
        if count > 0 { writeRun(value, count: count, bitWidth: bitWidth, into: &output) }
    }

    private static func writeRun(_ value: UInt32, count: Int, bitWidth: Int, into output: inout EncoderOutput) {
        output.appendVarint(UInt64(count) << 1)
        var rest = value
        for _ in 0..<((bitWidth + 7) / 8) {
            output.append(UInt8(truncatingIfNeeded: rest))
            rest >>= 8
        }
    }

    /// Bit-packs `values[start..<end]`, zero-padded to a multiple of eight values.
    private static func packLiteral<T: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeBufferPointer<T>,
        from start: Int,
        to end: Int,
        bitWidth: Int,
        into output: inout EncoderOutput
    ) {
        let groups = (end - start + 7) / 8
        output.appendVarint(UInt64(groups) << 1 | 1)
        let byteCount = groups * bitWidth
        precondition(byteCount <= output.remaining, "encoder output bound exceeded")
        let target = output.cursor
        var written = 0
        var accumulator: UInt64 = 0
        var bits = 0
        let width = UInt64(bitWidth)
        for index in start..<(start + groups * 8) {
            let value = index < end ? UInt64(truncatingIfNeeded: values[index]) : 0
            accumulator |= value << UInt64(bits)
            bits += bitWidth
            if bits >= 64 {
                target.storeBytes(of: accumulator.littleEndian, toByteOffset: written, as: UInt64.self)
                written += 8
                bits -= 64
                accumulator = bits == 0 ? 0 : value >> (width - UInt64(bits))
            }
        }
        while bits > 0 {
            target.storeBytes(of: UInt8(truncatingIfNeeded: accumulator), toByteOffset: written, as: UInt8.self)
            written += 1
            accumulator >>= 8
            bits -= 8
        }
        output.advance(by: written)
    }
}
