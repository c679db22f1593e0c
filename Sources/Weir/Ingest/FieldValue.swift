import WeirColumns

/// A typed value taken from a filename field or a partition key.
public enum FieldValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    case string(String)
    case int(Int64)
    case float(Double)
    /// Days since 1970-01-01.
    case date(Int32)

    public var description: String {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .float(let value): String(value)
        case .date(let days): CivilDate(daysSinceEpoch: Int(days)).iso8601
        }
    }

    public static func < (lhs: FieldValue, rhs: FieldValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): return a < b
        case (.int(let a), .int(let b)): return a < b
        case (.float(let a), .float(let b)): return a < b
        case (.int(let a), .float(let b)): return Double(a) < b
        case (.float(let a), .int(let b)): return a < Double(b)
        case (.date(let a), .date(let b)): return a < b
        default: return lhs.description < rhs.description
        }
    }

    /// Parses `text` as a value of `type`, or `nil` when it is not one.
    public static func parse(_ text: String, as type: FilenamePattern.FieldType) -> FieldValue? {
        switch type {
        case .string: return text.isEmpty ? nil : .string(text)
        case .int: return Int64(text).map(FieldValue.int)
        case .float: return isComplete(Array(text.utf8)[...], as: .float) ? Double(text).map(FieldValue.float) : nil
        case .date: return parseDate(Array(text.utf8)[...]).map(FieldValue.date)
        }
    }

    static func parseDate(_ bytes: ArraySlice<UInt8>) -> Int32? {
        guard bytes.count == 10 else { return nil }
        let b = Array(bytes)
        guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in b[range] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        return Int32(date.daysSinceEpoch)
    }

    /// Whether `prefix` could begin a value of `type` (prunes the matcher's search).
    static func couldStart(_ prefix: ArraySlice<UInt8>, as type: FilenamePattern.FieldType) -> Bool {
        switch type {
        case .string:
            return true
        case .int:
            for (offset, byte) in prefix.enumerated() {
                let digit = byte >= 0x30 && byte <= 0x39
                if !(digit || (offset == 0 && (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")))) {
                    return false
                }
            }
            return prefix.count <= 20
        case .float:
            return prefix.allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45
            }
                && prefix.count <= 40
        case .date:
            return prefix.count <= 10
        }
    }

    /// Whether `text` is a whole value of `type`.
    static func isComplete(_ text: ArraySlice<UInt8>, as type: FilenamePattern.FieldType) -> Bool {
        switch type {
        case .string:
            return !text.isEmpty
        case .int:
            let digits = text.first == UInt8(ascii: "-") || text.first == UInt8(ascii: "+") ? text.dropFirst() : text
            return !digits.isEmpty && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
                && Int64(String(decoding: text, as: UTF8.self)) != nil
        case .float:
            guard let last = text.last, last >= 0x30 && last <= 0x39 else { return false }
            return Double(String(decoding: text, as: UTF8.self)) != nil
        case .date:
            return parseDate(text) != nil
        }
    }
}
