extension Value {
    /// The value as plain text, as a CSV writer or a table prints it; `nil` for null.
    ///
    /// Integers and decimals print exactly; doubles print the shortest text that reads back to
    /// the same bits; dates and timestamps print ISO 8601 at the column's full precision, with a
    /// trailing `Z` when UTC-adjusted; binary prints as base64; lists, structs and maps print as
    /// their compact JSON (``json``).
    public var text: String? {
        switch self {
        case .null: return nil
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .uint(let value): return String(value)
        case .float(let value): return Self.text(Double(value), shortest: value.description)
        case .double(let value): return Self.text(value, shortest: value.description)
        case .string(let value): return value
        case .bytes(let value): return Base64.encode(value)
        case .date(let days): return CivilDate(daysSinceEpoch: Int(days)).iso8601
        case .timestamp(let value, let unit, let utc): return Self.timestampText(value, unit: unit, utc: utc)
        case .decimal(let unscaled, let scale): return Self.decimalText(unscaled, scale: scale)
        case .list, .structure, .map: return json
        }
    }

    private static func text(_ value: Double, shortest: String) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return shortest
    }

    /// `YYYY-MM-DDTHH:MM:SS.fff…` with `unit.fractionDigits` fraction digits and `Z` when `utc`.
    public static func timestampText(_ value: Int64, unit: TimeUnit, utc: Bool) -> String {
        let perSecond = unit.perSecond
        var seconds = value / perSecond
        var fraction = value % perSecond
        if fraction < 0 {
            fraction += perSecond
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let date = CivilDate(daysSinceEpoch: Int(days))
        let hour = Int(secondOfDay / 3_600)
        let minute = Int(secondOfDay / 60 % 60)
        let second = Int(secondOfDay % 60)
        return date.iso8601 + "T" + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2) + "."
            + pad(Int(fraction), unit.fractionDigits) + (utc ? "Z" : "")
    }

    /// The exact decimal text of `unscaled × 10^-scale`, e.g. `-0.05` for (-5, 2).
    public static func decimalText(_ unscaled: Int128, scale: Int) -> String {
        let negative = unscaled < 0
        var digits = String(unscaled.magnitude)
        if scale < 0 {
            digits += String(repeating: "0", count: -scale)
        } else if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative ? "-" + digits : digits
    }
}

/// Standard base64 (RFC 4648) with padding.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    public static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let chunk = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            output.append(alphabet[Int(chunk >> 18 & 63)])
            output.append(alphabet[Int(chunk >> 12 & 63)])
            output.append(second == nil ? UInt8(ascii: "=") : alphabet[Int(chunk >> 6 & 63)])
            output.append(third == nil ? UInt8(ascii: "=") : alphabet[Int(chunk & 63)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
