/// Unpacks groups of eight bit-packed values (least significant bit first, as Parquet packs them)
/// with the bit width known at compile time: every shift and load offset of a group is then a
/// constant, so a group takes eight loads, shifts and masks without a branch.
enum BitUnpacking {
    /// Writes `groups × 8` values of `bitWidth` bits (1...32) from `source` to `output`.
    ///
    /// The caller guarantees that `groups × bitWidth + 8` bytes can be read from `source`: each
    /// value is taken from an unaligned 8-byte load.
    static func unpack<T: FixedWidthInteger>(
        _ source: UnsafeRawPointer, into output: UnsafeMutablePointer<T>, groups: Int, bitWidth: Int
    ) {
        switch bitWidth {
        case 1: run(source, output, groups, 1)
        case 2: run(source, output, groups, 2)
        case 3: run(source, output, groups, 3)
        case 4: run(source, output, groups, 4)
        case 5: run(source, output, groups, 5)
        case 6: run(source, output, groups, 6)
        case 7: run(source, output, groups, 7)
        case 8: run(source, output, groups, 8)
        case 9: run(source, output, groups, 9)
        case 10: run(source, output, groups, 10)
        case 11: run(source, output, groups, 11)
        case 12: run(source, output, groups, 12)
        case 13: run(source, output, groups, 13)
        case 14: run(source, output, groups, 14)
        case 15: run(source, output, groups, 15)
        case 16: run(source, output, groups, 16)
        case 17: run(source, output, groups, 17)
        case 18: run(source, output, groups, 18)
        case 19: run(source, output, groups, 19)
        case 20: run(source, output, groups, 20)
        case 21: run(source, output, groups, 21)
        case 22: run(source, output, groups, 22)
        case 23: run(source, output, groups, 23)
        case 24: run(source, output, groups, 24)
        case 25: run(source, output, groups, 25)
        case 26: run(source, output, groups, 26)
        case 27: run(source, output, groups, 27)
        case 28: run(source, output, groups, 28)
        case 29: run(source, output, groups, 29)
        case 30: run(source, output, groups, 30)
        case 31: run(source, output, groups, 31)
        case 32: run(source, output, groups, 32)
        default: preconditionFailure("bit width \(bitWidth) is outside 1...32")
        }
    }

    @inline(__always)
    private static func run<T: FixedWidthInteger>(
        _ source: UnsafeRawPointer, _ output: UnsafeMutablePointer<T>, _ groups: Int, _ width: Int
    ) {
        let mask: UInt64 = (1 << UInt64(width)) &- 1
        var input = source
        var target = output
        for _ in 0..<groups {
            for index in 0..<8 {
                let bit = index &* width
                let word = UInt64(littleEndian: input.loadUnaligned(fromByteOffset: bit >> 3, as: UInt64.self))
                target[index] = T(truncatingIfNeeded: (word &>> UInt64(bit & 7)) & mask)
            }
            input += width
            target += 8
        }
    }
}
