/// 128-bit approximations of 5^q for q in -342...308, the table the Eisel–Lemire algorithm
/// multiplies by, computed once from exact big integers rather than shipped as literals.
///
/// Entry `2 × (q + 342)` holds the high 64 bits, the next entry the low 64 bits. For q ≥ 0 the
/// value is 5^q normalised to 128 bits and truncated. For q < 0 it is ⌊2^b / 5^-q⌋ + 1 with b chosen
/// so that the result has at least 128 bits, then truncated to its top 128 bits; this rounds the
/// reciprocal up, which the algorithm's error analysis assumes.
enum PowersOfFive {
    static let smallestExponent = -342
    static let largestExponent = 308

    static let table: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 2 * (largestExponent - smallestExponent + 1))
        // Negative exponents: N_k = ⌊2^B / 5^k⌋ by repeated exact division, since
        // ⌊⌊x⌋ / 5⌋ = ⌊x / 5⌋ for positive x.
        let bigShift = 1_800
        var reciprocal = BigNatural.powerOfTwo(bigShift)
        var power = BigNatural(1)
        for k in 1...(-smallestExponent) {
            reciprocal.divide(by: 5)
            power.multiply(by: 5)
            let z = power.bitWidth  // 2^(z-1) < 5^k < 2^z
            let b = k <= 27 ? z + 127 : 2 * z + 128
            var c = reciprocal
            c.shiftRight(bigShift - b)
            c.add(1)
            let width = c.bitWidth
            if width > 128 { c.shiftRight(width - 128) }
            let index = 2 * (-k - smallestExponent)
            table[index] = c.word(1)
            table[index + 1] = c.word(0)
        }
        var positive = BigNatural(1)
        for q in 0...largestExponent {
            if q > 0 { positive.multiply(by: 5) }
            var normalised = positive
            let width = normalised.bitWidth
            if width > 128 { normalised.shiftRight(width - 128) } else { normalised.shiftLeft(128 - width) }
            let index = 2 * (q - smallestExponent)
            table[index] = normalised.word(1)
            table[index + 1] = normalised.word(0)
        }
        return table
    }()
}

/// A non-negative integer of any size, little-endian 64-bit words; just what the table needs.
struct BigNatural {
    private var words: [UInt64]

    init(_ value: UInt64) {
        words = [value]
    }

    static func powerOfTwo(_ exponent: Int) -> BigNatural {
        var value = BigNatural(0)
        value.words = [UInt64](repeating: 0, count: exponent / 64 + 1)
        value.words[exponent / 64] = 1 << UInt64(exponent % 64)
        return value
    }

    var bitWidth: Int {
        for index in words.indices.reversed() where words[index] != 0 {
            return index * 64 + 64 - words[index].leadingZeroBitCount
        }
        return 0
    }

    func word(_ index: Int) -> UInt64 {
        index < words.count ? words[index] : 0
    }

    mutating func multiply(by factor: UInt64) {
        var carry: UInt64 = 0
        for index in words.indices {
            let (high, low) = words[index].multipliedFullWidth(by: factor)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            words[index] = sum
            carry = high &+ (overflow ? 1 : 0)
        }
        if carry != 0 { words.append(carry) }
    }

    mutating func divide(by divisor: UInt64) {
        var remainder: UInt64 = 0
        for index in words.indices.reversed() {
            let (quotient, rest) = divisor.dividingFullWidth((high: remainder, low: words[index]))
            words[index] = quotient
            remainder = rest
        }
        trim()
    }

    mutating func add(_ value: UInt64) {
        var carry = value
        var index = 0
        while carry != 0 {
            if index == words.count { words.append(0) }
            let (sum, overflow) = words[index].addingReportingOverflow(carry)
            words[index] = sum
            carry = overflow ? 1 : 0
            index += 1
        }
    }

    mutating func shiftRight(_ bits: Int) {
        guard bits > 0 else { return }
        let wordShift = bits / 64
        let bitShift = UInt64(bits % 64)
        var result = [UInt64](repeating: 0, count: max(words.count - wordShift, 1))
        for index in 0..<(words.count - wordShift) where index + wordShift < words.count {
            var value = words[index + wordShift] >> bitShift
            if bitShift > 0 && index + wordShift + 1 < words.count {
                value |= words[index + wordShift + 1] << (64 - bitShift)
            }
            result[index] = value
        }
        words = result
        trim()
    }

    mutating func shiftLeft(_ bits: Int) {
        guard bits > 0 else { return }
        let wordShift = bits / 64
        let bitShift = UInt64(bits % 64)
        var result = [UInt64](repeating: 0, count: words.count + wordShift + 1)
        for index in words.indices {
            result[index + wordShift] |= words[index] << bitShift
            if bitShift > 0 { result[index + wordShift + 1] |= words[index] >> (64 - bitShift) }
        }
        words = result
        trim()
    }

    private mutating func trim() {
        while words.count > 1 && words.last == 0 { words.removeLast() }
    }
}
