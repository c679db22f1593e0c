import WeirColumns

/// Infers one column's type from the sample's non-null values: the narrowest of boolean, int64,
/// double, date, timestamp (local or UTC) and string that every value fits.
///
/// Booleans are `true`/`false` in any case; integers are what fits Int64 (wider ones are doubles);
/// a bare date also fits a local timestamp, so dates mixed with local timestamps make a timestamp.
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

    mutating func observe(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        sawValue = true
        guard candidates != 0 else { return }
        let (value, length) = trimmedSpaces(bytes, count)
        var fits: UInt8 = 0
        if candidates & Self.boolean != 0 && BooleanParser.parseStrict(value, length) != nil { fits |= Self.boolean }
        if candidates & Self.integer != 0 && IntegerParser.parseInt64(value, length) != nil { fits |= Self.integer }
        if candidates & Self.double != 0 && DoubleParser.parse(value, length) != nil { fits |= Self.double }
        if candidates & Self.date != 0 && TemporalParser.parseDate(value, length) != nil { fits |= Self.date }
        if candidates & (Self.localTimestamp | Self.utcTimestamp) != 0,
            let timestamp = TemporalParser.parseTimestamp(value, length)
        {
            fits |= timestamp.hasOffset ? Self.utcTimestamp : Self.localTimestamp
            fractionDigits = max(fractionDigits, timestamp.fractionDigits)
        }
        candidates &= fits
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
