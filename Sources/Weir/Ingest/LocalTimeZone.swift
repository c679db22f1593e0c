import Foundation
import WeirCSV
import WeirColumns

/// Converts local wall-clock timestamps of one IANA time zone to UTC instants.
///
/// A wall-clock time that happens twice (the hour repeated when clocks fall back) maps to the
/// first occurrence. A time that never happens (the hour skipped when clocks spring forward) maps
/// as if the clock had not yet changed, i.e. it lands just after the gap, as pandas' `shift_forward` does.
/// Offsets are cached per local minute, so converting a sorted column costs about one lookup per minute.
public struct LocalTimeZone: Sendable {
    public let identifier: String
    private let zone: TimeZone

    /// - Throws: ``UnknownTimeZoneError`` when the identifier is not in the time zone database.
    public init(_ identifier: String) throws(UnknownTimeZoneError) {
        guard let zone = TimeZone(identifier: identifier) else { throw UnknownTimeZoneError(identifier: identifier) }
        self.identifier = identifier
        self.zone = zone
    }

    /// The UTC instant, in microseconds since 1970, of a local wall-clock reading in microseconds.
    public func utcMicroseconds(fromLocal local: Int64) -> Int64 {
        var cache = Cache()
        return utcMicroseconds(fromLocal: local, cache: &cache)
    }

    /// Converts a whole column in place (microseconds).
    public func convertToUTC(microseconds values: inout [Int64]) {
        var cache = Cache()
        for index in values.indices {
            values[index] = utcMicroseconds(fromLocal: values[index], cache: &cache)
        }
    }

    /// Converts a column of local timestamps in `unit` to UTC in place.
    public func convertToUTC(values: inout [Int64], unit: TimeUnit) {
        var cache = Cache()
        for index in values.indices {
            let local = values[index]
            let micro: Int64
            switch unit {
            case .milliseconds: micro = local.multipliedReportingOverflow(by: 1_000).partialValue
            case .microseconds: micro = local
            case .nanoseconds: micro = local >= 0 ? local / 1_000 : (local - 999) / 1_000
            }
            let offset = micro - utcMicroseconds(fromLocal: micro, cache: &cache)
            switch unit {
            case .milliseconds: values[index] = local - offset / 1_000
            case .microseconds: values[index] = local - offset
            case .nanoseconds: values[index] = local - offset * 1_000
            }
        }
    }

    struct Cache {
        var minute = Int64.min
        var offsetMicroseconds: Int64 = 0
    }

    func utcMicroseconds(fromLocal local: Int64, cache: inout Cache) -> Int64 {
        let minute = local >= 0 ? local / 60_000_000 : (local - 59_999_999) / 60_000_000
        if minute != cache.minute {
            cache.minute = minute
            cache.offsetMicroseconds = Int64(offsetSeconds(forLocalSecond: minute * 60)) * 1_000_000
        }
        return local - cache.offsetMicroseconds
    }

    /// The offset to subtract from a local second to get UTC.
    func offsetSeconds(forLocalSecond local: Int64) -> Int {
        let before = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local - 86_400)))
        let after = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(local + 86_400)))
        var valid: [Int] = []
        for offset in Set([before, after]) {
            let instant = Date(timeIntervalSince1970: Double(local - Int64(offset)))
            if zone.secondsFromGMT(for: instant) == offset { valid.append(offset) }
        }
        if valid.isEmpty {
            // In a spring-forward gap: keep the offset in force before it.
            return before
        }
        // Repeated hour: the larger offset gives the earlier instant.
        return valid.max()!
    }
}

/// The CSV reader converts the readings without an offset in a UTC column (a column that mixes
/// them with offset readings) by the same rules as ``LocalTimeZone/convertToUTC(values:unit:)``.
extension LocalTimeZone: CSVLocalTimeZone {
    public func utcOffsetSeconds(atLocalSecond local: Int64) -> Int {
        offsetSeconds(forLocalSecond: local)
    }
}

/// A `timezone` that the time zone database does not know.
public struct UnknownTimeZoneError: Error, Sendable, CustomStringConvertible {
    public var identifier: String
    public var description: String {
        "The time zone '\(identifier)' is unknown. Use an IANA name such as 'America/Santiago', 'Europe/Berlin' or 'UTC'."
    }
}
