import Testing

@testable import WeirParquet

/// The RLE/bit-packed decoder at every bit width, against values packed here bit by bit: whole
/// groups of eight go through ``BitUnpacking``, the rest value by value, and both must agree
/// wherever a request starts or ends and however close the run is to the end of the data.
@Suite struct BitUnpackingTests {
    /// A bit-packed run of `values` (a multiple of 8), LSB first, after its varint header.
    static func packedRun(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var header = UInt64(values.count / 8) << 1 | 1
        while header >= 0x80 {
            bytes.append(UInt8(header & 0x7F) | 0x80)
            header >>= 7
        }
        bytes.append(UInt8(header))
        var packed = [UInt8](repeating: 0, count: values.count * bitWidth / 8)
        for (index, value) in values.enumerated() {
            for bit in 0..<bitWidth where value >> UInt32(bit) & 1 == 1 {
                let position = index * bitWidth + bit
                packed[position / 8] |= 1 << UInt8(position % 8)
            }
        }
        return bytes + packed
    }

    /// A repeated run of `count` copies of `value`.
    static func repeatedRun(_ value: UInt32, count: Int, bitWidth: Int) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(count << 1)]
        for byte in 0..<(bitWidth + 7) / 8 { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(8 * byte))) }
        return bytes
    }

    /// Decodes `count` values from `data` in requests of the sizes `steps` gives in turn.
    static func decode(_ data: [UInt8], bitWidth: Int, count: Int, steps: [Int]) throws -> [UInt32] {
        var output = [UInt32](repeating: .max, count: count)
        try data.withUnsafeBytes { raw in
            var decoder = try RleBitPackedDecoder(raw, bitWidth: bitWidth)
            try output.withUnsafeMutableBufferPointer { output in
                var done = 0
                var step = 0
                while done < count {
                    let take = min(steps[step % steps.count], count - done)
                    try decoder.decode(into: output.baseAddress! + done, count: take)
                    done += take
                    step += 1
                }
            }
        }
        return output
    }

    @Test(arguments: 1...32)
    func everyWidthDecodesAsPackedWhateverTheRequestSizes(bitWidth: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let mask = bitWidth == 32 ? UInt32.max : (1 << UInt32(bitWidth)) - 1
        for trial in 0..<12 {
            let first = (0..<(8 * Int.random(in: 1...40, using: &generator))).map { _ in
                UInt32.random(in: 0...mask, using: &generator)
            }
            let repeated = UInt32.random(in: 0...mask, using: &generator)
            let second = (0..<(8 * Int.random(in: 1...9, using: &generator))).map { _ in
                UInt32.random(in: 0...mask, using: &generator)
            }
            // Half the trials end the data right after a bit-packed run, where no 8-byte load fits.
            let endsPacked = trial % 2 == 0
            var data = Self.packedRun(first, bitWidth: bitWidth)
            var expected = first
            if endsPacked {
                data +=
                    Self.repeatedRun(repeated, count: 5, bitWidth: bitWidth)
                    + Self.packedRun(second, bitWidth: bitWidth)
                expected += [UInt32](repeating: repeated, count: 5) + second
            } else {
                data +=
                    Self.packedRun(second, bitWidth: bitWidth)
                    + Self.repeatedRun(repeated, count: 5, bitWidth: bitWidth)
                expected += second + [UInt32](repeating: repeated, count: 5)
            }
            let steps = trial < 4 ? [expected.count] : (0..<5).map { _ in Int.random(in: 1...37, using: &generator) }
            let decoded = try Self.decode(data, bitWidth: bitWidth, count: expected.count, steps: steps)
            #expect(decoded == expected, "bit width \(bitWidth), requests of \(steps)")
        }
    }

    @Test func unpackingWritesWholeGroupsOfTheWidth() {
        // 16 values of 3 bits: 0, 1, …, 7 twice, packed LSB first as the spec's example shows.
        let packed: [UInt8] =
            [0b1000_1000, 0b1100_0110, 0b1111_1010] + [0b1000_1000, 0b1100_0110, 0b1111_1010]
            + [UInt8](repeating: 0xFF, count: 8)
        var output = [UInt8](repeating: 0, count: 16)
        packed.withUnsafeBytes { raw in
            output.withUnsafeMutableBufferPointer {
                BitUnpacking.unpack(raw.baseAddress!, into: $0.baseAddress!, groups: 2, bitWidth: 3)
            }
        }
        #expect(output == [0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7])
    }
}
