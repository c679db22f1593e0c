import WeirColumns

/// Infers one column's type from the sample's non-null values: the narrowest of boolean, int64,
/// double, date, timestamp (local or UTC) and string that every value fits.
///
/// Booleans are `true`/`false` in any case; integers are what fits Int64 (wider ones are doubles);
/// a bare date also fits a local timestamp, so dates mixed with local timestamps make a timestamp.
/// A reading without an offset fits both a local and a UTC timestamp (local is preferred), one
/// with `Z` or an offset only a UTC one: a column mixing them is UTC, as an instrument writes it
/// that gives the offset only in the hour that clocks repeat (see ``CSVOptions/localTimeZone``).
/// A column with no value in the sample is a string. Timestamps are in microseconds unless a
/// sampled value has 7–9 fraction digits, which makes them nanoseconds.
struct ColumnInference {
    private static let boolean: UInt8 = 1
    private static let integer: UInt8 = 2
    private static let double: UInt8 = 4
    private static let date: UInt8 = 8
    private static let localTimestamp: UInt8 = 16
    private static let utcTimestamp: UInt8 = 32

    private var candidates: UInt8 = 63
    private var sawValue = false
    private var fractionDigits = 0
    /// Values seen, values that fit no type but text ("words"), and the candidates of the others.
    private var values = 0
    private(set) var words = 0
    private var wordless: UInt8 = 63

    mutating func observe(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        sawValue = true
        values += 1
        guard candidates != 0 || wordless != 0 else { return }
        let (value, length) = trimmedSpaces(bytes, count)
        var fits: UInt8 = 0
        // Until a word appears, the candidates of the other values are the candidates; once the
        // column is text, only a numeric reading of the other values can still matter.
        let open = candidates != 0 ? candidates : wordless & (Self.integer | Self.double)
        if open & Self.boolean != 0 && BooleanParser.parseStrict(value, length) != nil { fits |= Self.boolean }
        if open & Self.integer != 0 && IntegerParser.parseInt64(value, length) != nil { fits |= Self.integer }
        if open & Self.double != 0 && DoubleParser.parse(value, length) != nil { fits |= Self.double }
        if open & Self.date != 0 && TemporalParser.parseDate(value, length) != nil { fits |= Self.date }
        if open & (Self.localTimestamp | Self.utcTimestamp) != 0,
            let timestamp = TemporalParser.parseTimestamp(value, length)
        {
            fits |= timestamp.hasOffset ? Self.utcTimestamp : Self.localTimestamp | Self.utcTimestamp
            fractionDigits = max(fractionDigits, timestamp.fractionDigits)
        }
        candidates &= fits
        if fits == 0 && isWord(value, length) {
            words += 1
        } else {
            wordless &= fits
        }
    }

    /// A value with a letter that is not a number's exponent or sign: `oops`, `1.2.3x`, `n.a.`.
    private func isWord(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        (0..<count).contains { index in
            let byte = bytes[index] | 0x20
            return byte >= 0x61 && byte <= 0x7A && byte != 0x65
        }
    }

    /// With `tolerant`, a column whose values are numbers but for a few stray words (at most one
    /// in a thousand) is a number column; the words are then bad values of it.
    func type(tolerant: Bool) -> ColumnType {
        let strict = type
        guard tolerant, words > 0, words * 1000 <= values else { return strict }
        if wordless & Self.integer != 0 { return .int64 }
        if wordless & Self.double != 0 { return .float64 }
        return strict
    }

    /// Whether ``type(tolerant:)`` gives a number type despite stray words.
    func toleratesWords(_ tolerant: Bool) -> Bool {
        type(tolerant: tolerant) != type
    }

    /// Whether the sample held any non-null value for the column.
    var hasValue: Bool { sawValue }

    var type: ColumnType {
        guard sawValue else { return .string }
        let unit: TimeUnit = fractionDigits > 6 ? .nanoseconds : .microseconds
        if candidates & Self.boolean != 0 { return .boolean }
        if candidates & Self.integer != 0 { return .int64 }
        if candidates & Self.double != 0 { return .float64 }
        if candidates & Self.date != 0 { return .date }
        if candidates & Self.localTimestamp != 0 { return .timestamp(unit: unit, utc: false) }
        if candidates & Self.utcTimestamp != 0 { return .timestamp(unit: unit, utc: true) }
        return .string
    }
}
