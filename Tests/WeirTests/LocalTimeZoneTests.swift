import Testing
import WeirColumns

@testable import Weir

@Suite struct LocalTimeZoneTests {
    /// Microseconds since 1970 of a wall-clock reading.
    func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Int64 {
        let days = Int64(CivilDate(year: year, month: month, day: day).daysSinceEpoch)
        return ((days * 24 + Int64(hour)) * 60 + Int64(minute)) * 60_000_000
    }

    @Test func convertsStandardAndDaylightTime() throws {
        let zone = try LocalTimeZone("America/New_York")
        #expect(zone.utcMicroseconds(fromLocal: local(2025, 1, 15, 12, 0)) == local(2025, 1, 15, 17, 0))
        #expect(zone.utcMicroseconds(fromLocal: local(2025, 7, 15, 12, 0)) == local(2025, 7, 15, 16, 0))
    }

    @Test func repeatedHourMapsToTheFirstOccurrence() throws {
        let zone = try LocalTimeZone("America/New_York")
        #expect(zone.utcMicroseconds(fromLocal: local(2025, 11, 2, 1, 30)) == local(2025, 11, 2, 5, 30))
    }

    @Test func skippedHourShiftsForward() throws {
        let zone = try LocalTimeZone("America/New_York")
        // 02:30 does not exist on 2025-03-09; with the pre-change offset (-5) it is 07:30Z = 03:30 EDT.
        #expect(zone.utcMicroseconds(fromLocal: local(2025, 3, 9, 2, 30)) == local(2025, 3, 9, 7, 30))
    }

    @Test func santiagoInSpringAndAutumn() throws {
        let zone = try LocalTimeZone("America/Santiago")
        #expect(zone.utcMicroseconds(fromLocal: local(2025, 10, 18, 9, 0)) == local(2025, 10, 18, 12, 0))
        #expect(zone.utcMicroseconds(fromLocal: local(2025, 6, 18, 9, 0)) == local(2025, 6, 18, 13, 0))
    }

    @Test func convertsColumnsWithTheCache() throws {
        let zone = try LocalTimeZone("Europe/Berlin")
        var values = (0..<5).map { local(2025, 3, 30, 0, 0) + Int64($0) * 3_600_000_000 }
        zone.convertToUTC(microseconds: &values)
        #expect(values == [
            local(2025, 3, 29, 23, 0), local(2025, 3, 30, 0, 0), local(2025, 3, 30, 1, 0),
            local(2025, 3, 30, 1, 0), local(2025, 3, 30, 2, 0),
        ])
    }

    @Test func unknownZonesSayWhatToUse() {
        #expect {
            _ = try LocalTimeZone("Mars/Olympus")
        } throws: { error in
            (error as? UnknownTimeZoneError)?.description
                == "The time zone 'Mars/Olympus' is unknown. Use an IANA name such as 'America/Santiago', 'Europe/Berlin' or 'UTC'."
        }
    }
}
