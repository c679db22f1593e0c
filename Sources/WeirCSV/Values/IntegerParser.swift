/// Parses decimal integers from bytes: an optional sign, then ASCII digits only.
enum IntegerParser {
    /// The signed 64-bit value of `bytes[0..<count]`, or `nil` if it is not an integer or overflows.
    @inline(__always)
    static func parseInt64(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        var index = 0
        var negative = false
        if count > 0 && (bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+")) {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        guard index < count else { return nil }
        var magnitude: UInt64 = 0
        // 19 digits always fit in a UInt64 without overflow checks.
        let fastEnd = min(count, index + 19)
        while index < fastEnd {
            let digit = bytes[index] &- 0x30
            guard digit <= 9 else { return nil }
            magnitude = magnitude &* 10 &+ UInt64(digit)
            index += 1
        }
        while index < count {
            let digit = bytes[index] &- 0x30
            guard digit <= 9 else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1 && !overflow2 else { return nil }
            magnitude = sum
            index += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// The unsigned 64-bit value of `bytes[0..<count]` (a `+` sign is allowed, `-0` too).
    static func parseUInt64(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> UInt64? {
        var index = 0
        var negative = false
        if count > 0 && (bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+")) {
            negative = bytes[0] == UInt8(ascii: "-")
            index = 1
        }
        guard index < count else { return nil }
        var magnitude: UInt64 = 0
        while index < count {
            let digit = bytes[index] &- 0x30
            guard digit <= 9 else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1 && !overflow2 else { return nil }
            magnitude = sum
            index += 1
        }
        if negative && magnitude != 0 { return nil }
        return magnitude
    }
}

/// Parses booleans from bytes.
enum BooleanParser {
    /// `true` or `false` in any case: the only spellings type inference takes as booleans.
    @inline(__always)
    static func parseStrict(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool? {
        if count == 4 && matches(bytes, "true") { return true }
        if count == 5 && matches(bytes, "false") { return false }
        return nil
    }

    /// For a column declared boolean: also `t`/`f`, `yes`/`no`, `y`/`n` and `1`/`0`, any case.
    static func parseLenient(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool? {
        if let value = parseStrict(bytes, count) { return value }
        switch count {
        case 1:
            switch bytes[0] | 0x20 {
            case UInt8(ascii: "t"), UInt8(ascii: "y"): return true
            case UInt8(ascii: "f"), UInt8(ascii: "n"): return false
            default: break
            }
            if bytes[0] == UInt8(ascii: "1") { return true }
            if bytes[0] == UInt8(ascii: "0") { return false }
            return nil
        case 2: return matches(bytes, "no") ? false : nil
        case 3: return matches(bytes, "yes") ? true : nil
        default: return nil
        }
    }

    /// Whether the bytes spell `word` (lowercase ASCII letters) in any case; `bytes` holds at least
    /// as many bytes as `word`.
    @inline(__always)
    private static func matches(_ bytes: UnsafePointer<UInt8>, _ word: StaticString) -> Bool {
        let letters = word.utf8Start
        for index in 0..<word.utf8CodeUnitCount where bytes[index] | 0x20 != letters[index] { return false }
        return true
    }
}

/// Spaces and tabs around a value are ignored for every type but strings.
@inline(__always)
func trimmedSpaces(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> (UnsafePointer<UInt8>, Int) {
    var start = 0
    var end = count
    while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
    while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
    return (bytes + start, end - start)
}
