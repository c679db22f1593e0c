#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses decimal text to the same double `strtod` returns, without `strtod` in the common cases.
///
/// Accepted: an optional sign, digits with an optional `.` and fraction (`1.`, `.5`), an optional
/// exponent (`e-7`), or `inf`, `infinity`, `nan` in any case. Hexadecimal floats and surrounding
/// spaces are not accepted (callers trim spaces first).
enum DoubleParser {
    /// The value of the whole of `bytes[0..<count]`, or `nil` if it is not a decimal number.
    static func parse(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var index = 0
        var negative = false
        if index < count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < count else { return nil }
        let first = bytes[index]
        if first &- 0x30 > 9 && first != UInt8(ascii: ".") {
            guard let special = parseSpecial(bytes + index, count - index) else { return nil }
            return negative ? -special : special
        }
        // Accumulate every digit; more than 19 of them may have wrapped, and are redone below.
        var mantissa: UInt64 = 0
        let integerStart = index
        while index < count {
            let digit = bytes[index] &- 0x30
            if digit > 9 { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            index += 1
        }
        let integerDigits = index - integerStart
        var fractionStart = index
        var fractionDigits = 0
        if index < count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            fractionStart = index
            while index &+ 8 <= count, let eight = eightDigits(bytes + index) {
                mantissa = mantissa &* 100_000_000 &+ eight
                index &+= 8
            }
            while index < count {
                let digit = bytes[index] &- 0x30
                if digit > 9 { break }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                index += 1
            }
            fractionDigits = index - fractionStart
        }
        let digits = integerDigits + fractionDigits
        var exponent = -fractionDigits
        var truncated = false
        if digits > 19 {
            (mantissa, exponent, truncated) = significantDigits(
                bytes, integerStart, integerDigits, fractionStart, fractionDigits)
        }
        guard digits > 0 else { return nil }
        if index < count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var exponentDigits = 0
            while index < count {
                let digit = bytes[index] &- 0x30
                if digit > 9 { break }
                // Past a million the value is zero or infinite anyway; stop growing to avoid overflow.
                if written < 1_000_000 { written = written * 10 + Int(digit) }
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard index == count else { return nil }
        let magnitude = value(mantissa: mantissa, exponent: exponent, truncated: truncated, bytes, count)
        return negative ? -magnitude : magnitude
    }

    /// The value of eight ASCII digits at `bytes`, or `nil` if any of them is not a digit; SWAR
    /// arithmetic on one little-endian word.
    @inline(__always)
    private static func eightDigits(_ bytes: UnsafePointer<UInt8>) -> UInt64? {
        let word = UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self).littleEndian
        // Every byte in 0x30…0x39: its high nibble is 3, and adding 6 does not carry out of it.
        guard word & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030,
            (word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0 == 0x3030_3030_3030_3030
        else { return nil }
        var value = word & 0x0F0F_0F0F_0F0F_0F0F
        value = (value &* (10 << 8 + 1)) >> 8 & 0x00FF_00FF_00FF_00FF
        value = (value &* (100 << 16 + 1)) >> 16 & 0x0000_FFFF_0000_FFFF
        return (value &* (10_000 << 32 + 1)) >> 32
    }

    /// The first 19 significant digits, the exponent that goes with them, and whether a non-zero
    /// digit was dropped.
    private static func significantDigits(
        _ bytes: UnsafePointer<UInt8>, _ integerStart: Int, _ integerDigits: Int, _ fractionStart: Int,
        _ fractionDigits: Int
    ) -> (UInt64, Int, Bool) {
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var truncated = false
        for index in integerStart..<(integerStart + integerDigits) {
            let digit = bytes[index] &- 0x30
            if significant < 19 {
                mantissa = mantissa * 10 + UInt64(digit)
                if mantissa != 0 { significant += 1 }
            } else {
                exponent += 1
                if digit != 0 { truncated = true }
            }
        }
        for index in fractionStart..<(fractionStart + fractionDigits) {
            let digit = bytes[index] &- 0x30
            if significant < 19 {
                mantissa = mantissa * 10 + UInt64(digit)
                if mantissa != 0 { significant += 1 }
                exponent -= 1
            } else if digit != 0 {
                truncated = true
            }
        }
        return (mantissa, exponent, truncated)
    }

    private static func value(
        mantissa: UInt64, exponent: Int, truncated: Bool, _ bytes: UnsafePointer<UInt8>, _ count: Int
    ) -> Double {
        if mantissa == 0 { return 0 }
        // Clinger's fast path: both operands exact in a double, so one rounding is the right one.
        if !truncated && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            let value = Double(mantissa)
            return exponent < 0 ? value / exactPowersOfTen[-exponent] : value * exactPowersOfTen[exponent]
        }
        if let bits = EiselLemire.bits(mantissa: mantissa, exponent: exponent) {
            // With digits dropped, the true value lies between w and w + 1 units; if both round
            // to the same double, so does the value.
            if !truncated || EiselLemire.bits(mantissa: mantissa + 1, exponent: exponent) == bits {
                return Double(bitPattern: bits)
            }
        }
        return slowPath(bytes, count).magnitude
    }

    /// 10^0…10^22, every one exact in a double. A literal, so it needs no lazy initialisation.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    /// `inf`, `infinity` or `nan`, any case.
    private static func parseSpecial(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        func matches(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == count else { return false }
            for index in 0..<count where bytes[index] | 0x20 != word.utf8Start[index] { return false }
            return true
        }
        if matches("inf") || matches("infinity") { return .infinity }
        if matches("nan") { return .nan }
        return nil
    }

    /// `strtod` in the C locale on a NUL-terminated copy.
    private static func slowPath(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Double {
        withCString(bytes, count) { strtod($0, nil) }
    }

    /// Runs `body` on a NUL-terminated copy of the bytes, in the C locale.
    static func withCString<T>(_ bytes: UnsafePointer<UInt8>, _ count: Int, _ body: (UnsafePointer<CChar>) -> T) -> T {
        let copy = UnsafeMutablePointer<CChar>.allocate(capacity: count + 1)
        defer { copy.deallocate() }
        UnsafeMutableRawPointer(copy).copyMemory(from: bytes, byteCount: count)
        copy[count] = 0
        let previous = uselocale(cLocale)
        defer { uselocale(previous) }
        return body(copy)
    }

    /// Created once and never modified; `uselocale` only reads it, from any thread.
    nonisolated(unsafe) private static let cLocale: locale_t? = newlocale(Int32(1) << LC_NUMERIC, "C", nil)
}

/// Parses decimal text to the nearest `Float`, as `strtof` does (declared `float` columns only).
enum FloatParser {
    static func parse(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Float? {
        // The double grammar decides what is a number; strtof rounds once, straight to float.
        guard DoubleParser.parse(bytes, count) != nil else { return nil }
        return DoubleParser.withCString(bytes, count) { strtof($0, nil) }
    }
}
