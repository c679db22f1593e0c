import Testing
import WeirColumns

@testable import WeirCSV

/// Readings without an offset in a UTC column: wall-clock times in the reader's zone, or UTC
/// without one. The zone here is Santiago around the end of its summer time in 2025: at local
/// midnight starting 2025-04-06 (03:00Z) clocks fell back to 23:00, so 23:00–23:59 on 2025-04-05
/// happened twice (at −03:00, then at −04:00).
@Suite struct WallClockTimestampTests {
    struct Santiago2025: CSVLocalTimeZone {
        var identifier: String { "America/Santiago" }
        /// Local midnight starting 2025-04-06, as clock seconds.
        static let fallBack = Int64(TemporalParser.daysFromCivil(year: 2025, month: 4, day: 6)) * 86_400

        func utcOffsetSeconds(atLocalSecond local: Int64) -> Int {
            // The repeated hour is read as its first occurrence, as Weir's own zones read it.
            local < Self.fallBack ? -3 * 3_600 : -4 * 3_600
        }
    }

    struct Named: CSVLocalTimeZone {
        var identifier: String
        func utcOffsetSeconds(atLocalSecond local: Int64) -> Int { 0 }
    }

    /// The readings an instrument writes across the change: wall-clock times, except in the
    /// repeated hour's second pass, which carries its offset.
    static let readings = [
        "2025-04-05 22:59:00", "2025-04-05 23:00:00", "2025-04-05 23:59:30.25", "2025-04-05 23:00:00-04:00",
        "2025-04-05 23:59:00-04:00", "2025-04-06 00:00:00", "2025-04-06 01:30:00",
    ]
    static let instants = [
        "2025-04-06T01:59:00.000000Z", "2025-04-06T02:00:00.000000Z", "2025-04-06T02:59:30.250000Z",
        "2025-04-06T03:00:00.000000Z", "2025-04-06T03:59:00.000000Z", "2025-04-06T04:00:00.000000Z",
        "2025-04-06T05:30:00.000000Z",
    ]

    static func file(_ readings: [String]) -> String {
        "time,temp_c\n" + readings.enumerated().map { "\($1),\(Double($0) / 4)" }.joined(separator: "\n") + "\n"
    }

    static func zoned(_ configure: (inout CSVOptions) -> Void = { _ in }) -> CSVOptions {
        CSVTest.options {
            $0.localTimeZone = Santiago2025()
            configure(&$0)
        }
    }

    @Test func aMixedColumnIsUTCWithItsWallClockReadingsInTheZone() {
        let outcome = CSVTest.read(Self.file(Self.readings), Self.zoned())
        #expect(outcome.types == ["timestamp[us, UTC]", "double"])
        #expect(outcome.rows.map { $0[0] } == Self.instants)
    }

    @Test func withoutAZoneTheWallClockReadingsOfAMixedColumnAreTakenAsUTC() {
        let outcome = CSVTest.read(Self.file(Self.readings))
        #expect(outcome.types == ["timestamp[us, UTC]", "double"])
        #expect(
            outcome.rows.map { $0[0] } == [
                "2025-04-05T22:59:00.000000Z", "2025-04-05T23:00:00.000000Z", "2025-04-05T23:59:30.250000Z",
                "2025-04-06T03:00:00.000000Z", "2025-04-06T03:59:00.000000Z", "2025-04-06T00:00:00.000000Z",
                "2025-04-06T01:30:00.000000Z",
            ])
    }

    @Test func aColumnWithoutOffsetsStaysLocalAndAsWrittenWithAZone() {
        let naive = Self.readings.filter { !$0.hasSuffix("-04:00") }
        let outcome = CSVTest.read(Self.file(naive), Self.zoned())
        #expect(outcome.types == ["timestamp[us]", "double"])
        #expect(
            outcome.rows.map { $0[0] } == [
                "2025-04-05T22:59:00.000000", "2025-04-05T23:00:00.000000", "2025-04-05T23:59:30.250000",
                "2025-04-06T00:00:00.000000", "2025-04-06T01:30:00.000000",
            ])
    }

    @Test func aDeclaredUTCColumnTakesItsWallClockReadingsInTheZone() {
        let outcome = CSVTest.read(
            Self.file(Self.readings),
            Self.zoned { $0.columnTypes["time"] = .timestamp(unit: .milliseconds, utc: true) })
        #expect(
            outcome.rows.map { $0[0] } == [
                "2025-04-06T01:59:00.000Z", "2025-04-06T02:00:00.000Z", "2025-04-06T02:59:30.250Z",
                "2025-04-06T03:00:00.000Z", "2025-04-06T03:59:00.000Z", "2025-04-06T04:00:00.000Z",
                "2025-04-06T05:30:00.000Z",
            ])
        // Nanoseconds, and a zone ahead of UTC.
        let nanos = CSVTest.read(
            "t\n2025-04-05 23:00:00.123456789\n2025-04-05 23:00:00.5+02\n",
            CSVTest.options {
                $0.localTimeZone = Santiago2025()
                $0.columnTypes["t"] = .timestamp(unit: .nanoseconds, utc: true)
            })
        #expect(nanos.rows == [["2025-04-06T02:00:00.123456789Z"], ["2025-04-05T21:00:00.500000000Z"]])
    }

    @Test func aDeclaredLocalColumnIgnoresTheZone() {
        let outcome = CSVTest.read(
            "t\n2025-04-05 23:00:00\n", Self.zoned { $0.columnTypes["t"] = .timestamp(unit: .milliseconds, utc: false) }
        )
        #expect(outcome.rows == [["2025-04-05T23:00:00.000"]])
    }

    /// The quick sample (a declared time column and number columns), the full sample, small
    /// batches, and parallel chunks all convert every batch the same way.
    @Test(arguments: [false, true])
    func everyPathConvertsEveryBatch(declared: Bool) throws {
        let minutes = 600
        let start = Int64(TemporalParser.daysFromCivil(year: 2025, month: 4, day: 5)) * 86_400 + 20 * 3_600
        var lines: [String] = []
        var expected: [Int64] = []
        for minute in 0..<minutes {
            // 20:00 to 05:59 local, with the repeated hour written twice, its second pass with offsets.
            let local = start + Int64(minute) * 60
            let clock = Self.clockText(local)
            lines.append(clock)
            expected.append(local + (local < Santiago2025.fallBack ? 3 : 4) * 3_600)
            if local >= Santiago2025.fallBack - 3_600 && local < Santiago2025.fallBack {
                lines.append(clock + "-04:00")
                expected.append(local + 4 * 3_600)
            }
        }
        let text = Self.file(lines)
        var variants: [CSVOptions] = []
        for quick in [true, false] {
            for (parallelism, chunkBytes) in [(1, 4 << 20), (2, 256), (1, 512)] {
                variants.append(
                    Self.zoned {
                        if declared { $0.columnTypes["time"] = .timestamp(unit: .microseconds, utc: true) }
                        $0.quickSample = quick
                        $0.batchRows = 37
                        $0.parallelism = parallelism
                        $0.chunkBytes = chunkBytes
                    })
            }
        }
        for options in variants {
            let reader = try CSVReader(bytes: Array(text.utf8), name: "t.csv", options: options)
            #expect(reader.schema.fields[0].type == .timestamp(unit: .microseconds, utc: true))
            var values: [Int64] = []
            var batches = 0
            while let batch = try reader.next() {
                guard case .int64(let column) = batch.records.columns[0].storage else {
                    Issue.record("The time column is not Int64")
                    return
                }
                values += column
                batches += 1
            }
            #expect(batches > 1)
            #expect(values == expected.map { $0 * 1_000_000 }, "\(options.parallelism) \(options.chunkBytes)")
        }
    }

    @Test func optionsCompareByTheZonesName() {
        var first = CSVOptions()
        var second = CSVOptions()
        #expect(first == second)
        first.localTimeZone = Named(identifier: "Europe/Berlin")
        #expect(first != second)
        second.localTimeZone = Named(identifier: "Europe/Berlin")
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        second.localTimeZone = Santiago2025()
        #expect(first != second)
        #expect(second.localTimeZone?.identifier == "America/Santiago")
    }

    static func clockText(_ seconds: Int64) -> String {
        let date = CivilDate(daysSinceEpoch: Int(seconds / 86_400))
        let second = Int(seconds % 86_400)
        return "\(date.year)-\(two(date.month))-\(two(date.day)) "
            + "\(two(second / 3_600)):\(two(second / 60 % 60)):\(two(second % 60))"
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
