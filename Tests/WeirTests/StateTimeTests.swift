import Foundation
import Testing

@testable import Weir

@Suite struct StateTimeTests {
    @Test func formatsUTCWithMilliseconds() {
        let date = Date(timeIntervalSince1970: 1_795_100_531.123_4)
        #expect(StateTime.format(date) == "2026-11-19T15:02:11.123Z")
        #expect(StateTime.display(date) == "2026-11-19 15:02:11 UTC")
    }

    @Test(arguments: [0.0, 0.999_6, -1.5, 1_700_000_000.001, 4_102_444_799.999])
    func roundTrips(seconds: Double) throws {
        let rounded = StateTime.rounded(Date(timeIntervalSince1970: seconds))
        let parsed = try #require(StateTime.parse(StateTime.format(rounded)))
        #expect(parsed == rounded)
        #expect(StateTime.format(parsed) == StateTime.format(rounded))
    }

    @Test func parsesWholeSecondsAndLongFractions() {
        #expect(StateTime.parse("1970-01-01T00:00:01Z") == Date(timeIntervalSince1970: 1))
        #expect(StateTime.parse("1970-01-01T00:00:01.5Z") == Date(timeIntervalSince1970: 1.5))
        #expect(StateTime.parse("1970-01-01T00:00:01.500000000Z") == Date(timeIntervalSince1970: 1.5))
    }

    @Test(arguments: [
        "", "2026-11-18", "2026-11-18 15:02:11Z", "2026-13-01T00:00:00Z", "2026-11-18T15:02:11",
        "2026-11-18T15:02:11.Z", "2026-11-18T15:02:1x.000Z",
    ])
    func rejectsOtherText(text: String) {
        #expect(StateTime.parse(text) == nil)
    }
}
