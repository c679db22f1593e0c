/// The time zone of wall-clock readings: how a timestamp written without a UTC offset becomes a
/// UTC instant in a UTC timestamp column (see ``CSVOptions/localTimeZone``).
///
/// WeirCSV has no time zone database of its own, so a caller that has one conforms to this.
public protocol CSVLocalTimeZone: Sendable {
    /// The zone's name, such as `America/Santiago`. Options whose zones have the same name are equal.
    var identifier: String { get }

    /// The zone's offset from UTC, in seconds, at a wall-clock reading given in seconds since
    /// 1970-01-01T00:00:00 of the clock: the instant is `local − offset`.
    ///
    /// The zone settles the readings a clock change makes ambiguous (the hour repeated when clocks
    /// fall back) or impossible (the hour skipped when they spring forward). The reader asks once
    /// per minute of wall-clock time, so the offset must not change within a minute.
    func utcOffsetSeconds(atLocalSecond local: Int64) -> Int
}

/// Holds a zone in ``CSVOptions``, which compare and hash by the zone's name.
struct CSVLocalTimeZoneBox: Sendable, Hashable {
    let zone: any CSVLocalTimeZone

    static func == (left: Self, right: Self) -> Bool { left.zone.identifier == right.zone.identifier }
    func hash(into hasher: inout Hasher) { hasher.combine(zone.identifier) }
}

/// Converts the wall-clock readings of one column to UTC, asking the zone once per minute of
/// wall-clock time (the rows of one file are usually in order).
struct LocalTimeConverter {
    let zone: any CSVLocalTimeZone
    private var minute = Int64.min
    private var offset: Int64 = 0

    init(zone: any CSVLocalTimeZone) {
        self.zone = zone
    }

    /// The UTC seconds of a wall-clock second.
    @inline(__always)
    mutating func utcSeconds(fromLocal local: Int64) -> Int64 {
        let current = local >= 0 ? local / 60 : (local - 59) / 60
        if current != minute {
            minute = current
            offset = Int64(zone.utcOffsetSeconds(atLocalSecond: current * 60))
        }
        return local - offset
    }
}
