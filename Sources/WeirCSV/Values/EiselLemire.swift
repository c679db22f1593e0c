/// Converts `w × 10^q` to the nearest double with the Eisel–Lemire algorithm (Lemire, "Number
/// Parsing at a Gigabyte per Second", 2021): one or two 64×128-bit multiplications by a
/// precomputed approximation of 5^q, then rounding to nearest, ties to even.
enum EiselLemire {
    /// The bits of the double nearest to `w × 10^q` (positive), or `nil` in the rare cases where
    /// 128 bits of 5^q cannot decide the rounding; the caller then falls back to `strtod`.
    static func bits(mantissa w: UInt64, exponent q: Int) -> UInt64? {
        if w == 0 || q < PowersOfFive.smallestExponent { return 0 }
        if q > PowersOfFive.largestExponent { return infinityBits }
        let leadingZeros = w.leadingZeroBitCount
        let normalised = w << UInt64(leadingZeros)
        let index = 2 * (q - PowersOfFive.smallestExponent)
        var (high, low) = PowersOfFive.table.withUnsafeBufferPointer { table in
            normalised.multipliedFullWidth(by: table[index])
        }
        // 52 explicit mantissa bits + 3 guard bits: the bits below them decide whether the first
        // product is exact enough.
        let precisionMask: UInt64 = UInt64.max >> 55
        if high & precisionMask == precisionMask {
            let second = PowersOfFive.table.withUnsafeBufferPointer { table in
                normalised.multipliedFullWidth(by: table[index + 1]).high
            }
            let (sum, carry) = low.addingReportingOverflow(second)
            low = sum
            if carry { high &+= 1 }
            // Outside this exponent range 5^q is inexact in 128 bits; an all-ones low word means
            // the truncated tail could still carry into the kept bits.
            if low == UInt64.max && (q < -27 || q > 55) { return nil }
        }
        let upperBit = Int(high >> 63)
        let shift = UInt64(upperBit + 64 - 52 - 3)
        var mantissa = high >> shift
        // ⌊log2(10^q)⌋ + 63, then the IEEE bias.
        var power2 = (((152_170 + 65_536) * q) >> 16) + 63 + upperBit - leadingZeros + 1_023
        if power2 <= 0 {
            // Subnormal: shift into place, rounding to nearest.
            if -power2 + 1 >= 64 { return 0 }
            mantissa >>= UInt64(-power2 + 1)
            mantissa += mantissa & 1
            mantissa >>= 1
            power2 = mantissa < (1 << 52) ? 0 : 1
            return UInt64(power2) << 52 | mantissa
        }
        // A tie between two doubles is only possible when 5^q fits in 64 bits; then the dropped
        // bits are exactly zero and we must round to even rather than up.
        if low <= 1 && q >= -4 && q <= 23 && mantissa & 3 == 1 && (mantissa << shift) == high {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= (2 << 52) {
            mantissa = 1 << 52
            power2 += 1
        }
        mantissa &= ~(1 << 52)
        if power2 >= 0x7FF { return infinityBits }
        return UInt64(power2) << 52 | mantissa
    }

    static let infinityBits: UInt64 = 0x7FF << 52
}
