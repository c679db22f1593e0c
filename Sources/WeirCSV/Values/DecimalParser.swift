/// Parses exact decimals (`-12.50`) to an unscaled integer at a fixed scale.
enum DecimalParser {
    /// `value × 10^scale` as an integer of at most `precision` digits, or `nil` when the text is
    /// not a plain decimal, has non-zero digits beyond `scale`, or needs more than `precision` digits.
    static func parse(_ bytes: UnsafePointer<UInt8>, _ count: Int, precision: Int, scale: Int) -> Int128? {
        var index = 0
        var negative = false
        if count > 0 && (bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+")) {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        var unscaled: Int128 = 0
        var digits = 0
        var significant = 0
        var fractionDigits = 0
        var inFraction = false
        while index < count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: ".") && !inFraction {
                inFraction = true
                continue
            }
            let digit = byte &- 0x30
            guard digit <= 9 else { return nil }
            digits += 1
            if inFraction {
                if fractionDigits == scale {
                    guard digit == 0 else { return nil }
                    continue
                }
                fractionDigits += 1
            }
            if unscaled != 0 || digit != 0 { significant += 1 }
            guard significant <= 38 else { return nil }
            unscaled = unscaled * 10 + Int128(digit)
        }
        guard digits > 0 else { return nil }
        for _ in fractionDigits..<max(scale, fractionDigits) {
            significant += unscaled == 0 ? 0 : 1
            guard significant <= 38 else { return nil }
            unscaled *= 10
        }
        guard significant <= precision else { return nil }
        return negative ? -unscaled : unscaled
    }
}
