import WeirColumns

/// Typed fields from the `# Key: value` block that instruments write above a CSV header.
///
/// Keys become snake_case (`Chip number` → `chip_number`). Values are typed: integers, decimals,
/// booleans (`true`/`false`/`yes`/`no`), dates (`YYYY-MM-DD`), date-times (`YYYY-MM-DD HH:MM:SS`
/// or with `T`, kept as local wall-clock text for the time zone step; with `Z` or a UTC offset,
/// an instant), and a number followed by a
/// unit (`455 nm`) becomes the number under a key that names the unit (`laser_wavelength_nm`).
/// `none`, `null`, `NA`, `n/a` and empty values are null.
public enum HeaderMetadata {
    public enum Entry: Sendable, Hashable {
        case null
        case bool(Bool)
        case int(Int64)
        case double(Double)
        case date(Int32)
        /// A wall-clock date-time without zone: days since 1970-01-01 and microseconds of the day.
        case localDateTime(days: Int32, microsecond: Int64)
        /// A date-time with `Z` or a UTC offset (`2025-04-05 23:00:00-04:00`): the wall-clock date and
        /// microseconds of the day as written, and the offset in seconds (wall clock = UTC + offset).
        case offsetDateTime(days: Int32, microsecond: Int64, offsetSeconds: Int32)
        case string(String)
    }

    /// Parses metadata lines such as `# Chip number: 67`; lines without `:` (e.g. `# Data:`
    /// markers with nothing after the colon) are skipped, and a repeated key keeps its first value.
    public static func parse(lines: [String], prefix: String = "#") -> [(key: String, value: Entry)] {
        var pairs: [(String, String)] = []
        for line in lines {
            guard line.hasPrefix(prefix) else { continue }
            let text = line.utf8.dropFirst(prefix.utf8.count)
            guard let colon = text.firstIndex(of: UInt8(ascii: ":")) else { continue }
            pairs.append((String(Substring(text[..<colon])), String(Substring(text[text.index(after: colon)...]))))
        }
        return parse(pairs: pairs)
    }

    /// Types already split `Key: value` pairs (as a CSV reader hands them over).
    public static func parse(pairs: [(String, String)]) -> [(key: String, value: Entry)] {
        var seen: Set<String> = []
        var result: [(key: String, value: Entry)] = []
        for (keyText, valueText) in pairs {
            let rawKey = trimmed(keyText)
            let rawValue = trimmed(valueText)
            guard !rawKey.isEmpty, !(rawValue.isEmpty && isWord(rawKey, "data")) else { continue }
            var key = snakeCase(rawKey)
            guard !key.isEmpty else { continue }
            var value = entry(rawValue)
            if case .string = value, let (number, unit) = numberWithUnit(rawValue) {
                key += "_" + unit
                value = number
            }
            if seen.insert(key).inserted { result.append((key, value)) }
        }
        return result
    }

    /// `Chip number` → `chip_number`, `VDS` → `vds`, `Laser λ (nm)` → `laser_nm`: ASCII letters and
    /// digits, lowercased, with one underscore for each run of anything else.
    public static func snakeCase(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 1)
        var pendingUnderscore = false
        for byte in text.utf8 {
            let lower = byte | 0x20
            if (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                if pendingUnderscore && !output.isEmpty { output.append(UInt8(ascii: "_")) }
                pendingUnderscore = false
                output.append(byte >= 0x30 && byte <= 0x39 ? byte : lower)
            } else {
                pendingUnderscore = true
            }
        }
        if let first = output.first, first >= 0x30 && first <= 0x39 { output.insert(UInt8(ascii: "_"), at: 0) }
        return String(decoding: output, as: UTF8.self)
    }

    /// The typed value of a metadata text.
    public static func entry(_ text: String) -> Entry {
        for word in ["", "none", "null", "na", "n/a", "nan"] where isWord(text, word) { return .null }
        if isWord(text, "true") || isWord(text, "yes") { return .bool(true) }
        if isWord(text, "false") || isWord(text, "no") { return .bool(false) }
        if let integer = Int64(text) { return .int(integer) }
        if isDecimal(text), let double = Double(text) { return .double(double) }
        let bytes = Array(text.utf8)
        if let days = FieldValue.parseDate(bytes[...]) { return .date(days) }
        if bytes.count >= 19, let days = FieldValue.parseDate(bytes[0..<10]),
            bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
            let microsecond = timeOfDay(bytes[11...])
        {
            return .localDateTime(days: days, microsecond: microsecond)
        }
        if bytes.count >= 20, let days = FieldValue.parseDate(bytes[0..<10]),
            bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
            let (end, offset) = zoneSuffix(bytes), let microsecond = timeOfDay(bytes[11..<end])
        {
            return .offsetDateTime(days: days, microsecond: microsecond, offsetSeconds: offset)
        }
        return .string(text)
    }

    /// Whether `text` is `word` (lowercase ASCII) in any case.
    private static func isWord(_ text: String, _ word: String) -> Bool {
        guard text.utf8.count == word.utf8.count else { return false }
        return zip(text.utf8, word.utf8).allSatisfy { pair in
            let (byte, expected) = pair
            return byte == expected || (byte >= 0x41 && byte <= 0x5A && byte | 0x20 == expected)
        }
    }

    /// Without leading and trailing spaces, tabs and carriage returns.
    private static func trimmed(_ text: String) -> String {
        let bytes = text.utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        while start < end, isSpace(bytes[start]) { start = bytes.index(after: start) }
        while start < end, isSpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        if start == bytes.startIndex && end == bytes.endIndex { return text }
        return String(text[start..<end])
    }

    /// `455 nm` → (455, `nm`): a number, one space, and a short unit of letters, `/` or `%`.
    private static func numberWithUnit(_ text: String) -> (Entry, String)? {
        let parts = text.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
        guard parts.count == 2 else { return nil }
        let unitText = String(Substring(parts[1]))
        let unit = snakeCase(unitText)
        guard !unit.isEmpty, unit.utf8.count <= 8,
            unitText.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "/" || $0 == "%" })
        else { return nil }
        switch entry(String(Substring(parts[0]))) {
        case .int(let value): return (.int(value), unit)
        case .double(let value): return (.double(value), unit)
        default: return nil
        }
    }

    /// Plain decimal notation only (Double alone would also take "inf", "nan" and hex floats).
    private static func isDecimal(_ text: String) -> Bool {
        let allowed = text.utf8.allSatisfy {
            (0x30...0x39).contains($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E || $0 == 0x65 || $0 == 0x45
        }
        return allowed && text.utf8.contains { (0x30...0x39).contains($0) }
    }

    /// Where the time of a date-time ends, and its offset in seconds, when it ends in `Z`, `±HH`,
    /// `±HHMM` or `±HH:MM` (after an optional space), as the CSV reader reads them.
    static func zoneSuffix(_ bytes: [UInt8]) -> (end: Int, offset: Int32)? {
        // The zone follows `HH:MM:SS` (and any fraction): its sign cannot be the date's hyphen.
        guard let zone = bytes[19...].firstIndex(where: { [0x5A, 0x7A, 0x2B, 0x2D].contains($0) }) else { return nil }
        let end = bytes[zone - 1] == UInt8(ascii: " ") ? zone - 1 : zone
        if bytes[zone] | 0x20 == UInt8(ascii: "z") { return zone + 1 == bytes.count ? (end, 0) : nil }
        var digits = Array(bytes[(zone + 1)...])
        if digits.count == 5 && digits[2] == UInt8(ascii: ":") { digits.remove(at: 2) }
        guard digits.count == 2 || digits.count == 4, digits.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return nil
        }
        let hours = Int32(digits[0] - 0x30) * 10 + Int32(digits[1] - 0x30)
        let minutes = digits.count == 4 ? Int32(digits[2] - 0x30) * 10 + Int32(digits[3] - 0x30) : 0
        guard hours < 24, minutes < 60 else { return nil }
        let offset = (hours * 60 + minutes) * 60
        return (end, bytes[zone] == UInt8(ascii: "-") ? -offset : offset)
    }

    /// `HH:MM:SS` with an optional fraction of up to six digits → microseconds of the day.
    static func timeOfDay(_ bytes: ArraySlice<UInt8>) -> Int64? {
        let b = Array(bytes)
        guard b.count >= 8, b[2] == UInt8(ascii: ":"), b[5] == UInt8(ascii: ":") else { return nil }
        func two(_ at: Int) -> Int64? {
            guard (0x30...0x39).contains(b[at]), (0x30...0x39).contains(b[at + 1]) else { return nil }
            return Int64(b[at] - 0x30) * 10 + Int64(b[at + 1] - 0x30)
        }
        guard let hour = two(0), let minute = two(3), let second = two(6), hour < 24, minute < 60, second < 61 else {
            return nil
        }
        var micro: Int64 = 0
        if b.count > 8 {
            guard b[8] == UInt8(ascii: "."), b.count > 9, b.count <= 15 else { return nil }
            var digits = 0
            for byte in b[9...] {
                guard (0x30...0x39).contains(byte) else { return nil }
                micro = micro * 10 + Int64(byte - 0x30)
                digits += 1
            }
            for _ in digits..<6 { micro *= 10 }
        }
        return ((hour * 60 + minute) * 60 + second) * 1_000_000 + micro
    }
}
