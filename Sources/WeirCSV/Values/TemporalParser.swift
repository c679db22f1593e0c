import WeirColumns

/// A timestamp as read from text, before it is scaled to a column's unit.
struct ParsedTimestamp {
    /// Seconds since 1970-01-01T00:00:00, already shifted to UTC when the text had an offset.
    var seconds: Int64
    /// The fraction of the second in nanoseconds.
    var nanoseconds: Int64
    /// How many fraction digits the text had (0–9).
    var fractionDigits: Int
    /// Whether the text ended in `Z` or a UTC offset.
    var hasOffset: Bool

    /// The value in `unit`, or `nil` when the fraction is finer than the unit or the value
    /// leaves the Int64 range of the unit.
    @inline(__always)
    func value(in unit: TimeUnit) -> Int64? {
        let nanosPerUnit = 1_000_000_000 / unit.perSecond
        guard nanoseconds % nanosPerUnit == 0 else { return nil }
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: unit.perSecond)
        guard !overflow else { return nil }
        let (sum, overflow2) = scaled.addingReportingOverflow(nanoseconds / nanosPerUnit)
        return overflow2 ? nil : sum
    }
}

/// Parses ISO 8601-style dates and timestamps from bytes.
///
/// Dates: `YYYY-MM-DD` or `YYYY/MM/DD`. Timestamps: a date, `T` or a space, `HH:MM`, optional
/// `:SS`, optional `.` or `,` and 1–9 fraction digits, then optionally (after an optional space)
/// `Z` or a UTC offset `±HH`, `±HHMM` or `±HH:MM`. A bare date is also a timestamp at midnight.
enum TemporalParser {
    /// Days since 1970-01-01 of a valid date, or `nil`.
    @inline(__always)
    static func parseDate(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32? {
        guard count == 10 else { return nil }
        return dateDays(bytes)
    }

    /// The days of the 10-byte date at `bytes`.
    @inline(__always)
    static func dateDays(_ bytes: UnsafePointer<UInt8>) -> Int32? {
        let separator = bytes[4]
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/"), bytes[7] == separator,
            let year = digits(bytes, 4), let month = digits(bytes + 5, 2), let day = digits(bytes + 8, 2),
            month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        return Int32(daysFromCivil(year: year, month: month, day: day))
    }

    static func parseTimestamp(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> ParsedTimestamp? {
        guard count >= 10, let days = dateDays(bytes) else { return nil }
        return parseTime(bytes, count, days: days)
    }

    /// Parses what follows a date whose days are already known (lets callers reuse the days of
    /// the previous row when its first ten bytes are equal).
    @inline(__always)
    static func parseTime(_ bytes: UnsafePointer<UInt8>, _ count: Int, days: Int32) -> ParsedTimestamp? {
        var result = ParsedTimestamp(seconds: Int64(days) * 86_400, nanoseconds: 0, fractionDigits: 0, hasOffset: false)
        if count == 10 { return result }
        let separator = bytes[10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: " ") || separator == UInt8(ascii: "t"),
            count >= 16, bytes[13] == UInt8(ascii: ":"),
            let hour = digits(bytes + 11, 2), let minute = digits(bytes + 14, 2), hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0
        if index < count && bytes[index] == UInt8(ascii: ":") {
            guard index + 3 <= count, let value = digits(bytes + index + 1, 2), value < 60 else { return nil }
            second = value
            index += 3
            if index < count && (bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",")) {
                index += 1
                var nanos: Int64 = 0
                var fractionDigits = 0
                while index < count, bytes[index] &- 0x30 <= 9 {
                    guard fractionDigits < 9 else { return nil }
                    nanos = nanos * 10 + Int64(bytes[index] &- 0x30)
                    fractionDigits += 1
                    index += 1
                }
                guard fractionDigits > 0 else { return nil }
                for _ in fractionDigits..<9 { nanos *= 10 }
                result.nanoseconds = nanos
                result.fractionDigits = fractionDigits
            }
        }
        result.seconds += Int64(hour * 3_600 + minute * 60 + second)
        if index == count { return result }
        if bytes[index] == UInt8(ascii: " ") { index += 1 }
        guard index < count else { return nil }
        let zone = bytes[index]
        if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
            guard index + 1 == count else { return nil }
            result.hasOffset = true
            return result
        }
        guard zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-"), index + 3 <= count,
            let offsetHours = digits(bytes + index + 1, 2), offsetHours < 24
        else { return nil }
        index += 3
        var offsetMinutes = 0
        if index < count {
            if bytes[index] == UInt8(ascii: ":") { index += 1 }
            guard index + 2 == count, let minutes = digits(bytes + index, 2), minutes < 60 else { return nil }
            offsetMinutes = minutes
        }
        let offset = Int64(offsetHours * 3_600 + offsetMinutes * 60)
        // Local time = UTC + offset, so UTC = local − offset.
        result.seconds += zone == UInt8(ascii: "+") ? -offset : offset
        result.hasOffset = true
        return result
    }

    @inline(__always)
    private static func digits(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        var value = 0
        for index in 0..<count {
            let digit = bytes[index] &- 0x30
            guard digit <= 9 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    @inline(__always)
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date with a non-negative year
    /// (the same arithmetic as `CivilDate.daysSinceEpoch`, kept here to inline in hot loops).
    @inline(__always)
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
