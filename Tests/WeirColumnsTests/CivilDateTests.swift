import Testing
import WeirColumns

@Suite struct CivilDateTests {
    @Test(arguments: [
        (0, CivilDate(year: 1970, month: 1, day: 1)),
        (-1, CivilDate(year: 1969, month: 12, day: 31)),
        (11_016, CivilDate(year: 2000, month: 2, day: 29)),
        (20_379, CivilDate(year: 2025, month: 10, day: 18)),
        (-719_528, CivilDate(year: 0, month: 1, day: 1)),
        (2_932_896, CivilDate(year: 9999, month: 12, day: 31)),
    ])
    func convertsBothWays(days: Int, date: CivilDate) {
        #expect(CivilDate(daysSinceEpoch: days) == date)
        #expect(date.daysSinceEpoch == days)
    }

    @Test func roundTripsEveryDayOverFourCenturies() {
        var previous = CivilDate(daysSinceEpoch: -150_000)
        for days in -149_999...150_000 {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.isValid)
            #expect(date.daysSinceEpoch == days)
            #expect(previous < date)
            previous = date
        }
    }

    @Test func printsISO8601() {
        #expect(CivilDate(year: 2025, month: 3, day: 7).iso8601 == "2025-03-07")
        #expect(CivilDate(year: 12, month: 1, day: 2).iso8601 == "0012-01-02")
        #expect(CivilDate(year: 10_000, month: 1, day: 1).iso8601 == "+10000-01-01")
        #expect(CivilDate(year: -1, month: 1, day: 1).iso8601 == "-0001-01-01")
    }
}
