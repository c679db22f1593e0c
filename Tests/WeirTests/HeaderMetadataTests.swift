import Testing
import WeirColumns

@testable import Weir

@Suite struct HeaderMetadataTests {
    @Test func typesTheInstrumentBlock() {
        let lines = [
            "# Procedure: IVg",
            "# Chip group: Alisson",
            "# Chip number: 67",
            "# Start time: 2025-10-18 09:30:05",
            "# Laser wavelength: 455 nm",
            "# Laser voltage: 2.50 V",
            "# VDS: 0.1 V",
            "# Light: yes",
            "# Data:",
        ]
        let entries = HeaderMetadata.parse(lines: lines)
        let byKey = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.value) })
        #expect(entries.map(\.key) == [
            "procedure", "chip_group", "chip_number", "start_time", "laser_wavelength_nm", "laser_voltage_v", "vds_v", "light",
        ])
        #expect(byKey["procedure"] == .string("IVg"))
        #expect(byKey["chip_number"] == .int(67))
        #expect(byKey["laser_wavelength_nm"] == .int(455))
        #expect(byKey["laser_voltage_v"] == .double(2.5))
        #expect(byKey["light"] == .bool(true))
        let day = Int32(CivilDate(year: 2025, month: 10, day: 18).daysSinceEpoch)
        #expect(byKey["start_time"] == .localDateTime(days: day, microsecond: (9 * 3600 + 30 * 60 + 5) * 1_000_000))
    }

    @Test(arguments: [
        ("none", HeaderMetadata.Entry.null),
        ("NA", .null),
        ("-3", .int(-3)),
        ("1e-6", .double(1e-6)),
        ("inf", .string("inf")),
        ("2025-02-29", .string("2025-02-29")),
        ("2024-02-29", .date(Int32(CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch))),
        ("2024-02-29T23:59:59.25", .localDateTime(
            days: Int32(CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch), microsecond: 86_399_250_000)),
        ("2025-04-05 23:00:00-04:00", .offsetDateTime(
            days: Int32(CivilDate(year: 2025, month: 4, day: 5).daysSinceEpoch), microsecond: 82_800_000_000,
            offsetSeconds: -14_400)),
        ("2025-04-05T23:00:00.5Z", .offsetDateTime(
            days: Int32(CivilDate(year: 2025, month: 4, day: 5).daysSinceEpoch), microsecond: 82_800_500_000,
            offsetSeconds: 0)),
        ("2025-04-05 23:00:00 +0530", .offsetDateTime(
            days: Int32(CivilDate(year: 2025, month: 4, day: 5).daysSinceEpoch), microsecond: 82_800_000_000,
            offsetSeconds: 19_800)),
        ("2025-04-05 23:00:00+02", .offsetDateTime(
            days: Int32(CivilDate(year: 2025, month: 4, day: 5).daysSinceEpoch), microsecond: 82_800_000_000,
            offsetSeconds: 7_200)),
        ("2025-04-05 23:00:00-04:0", .string("2025-04-05 23:00:00-04:0")),
        ("2025-04-05 23:00:00Z later", .string("2025-04-05 23:00:00Z later")),
        ("2025-04-05 23:00-04:00", .string("2025-04-05 23:00-04:00")),
    ])
    func infersValueTypes(text: String, expected: HeaderMetadata.Entry) {
        #expect(HeaderMetadata.entry(text) == expected)
    }

    @Test(arguments: [
        ("Chip number", "chip_number"), ("VDS", "vds"), ("  Laser  voltage (V) ", "laser_voltage_v"), ("2nd pass", "_2nd_pass"),
    ])
    func snakeCasesKeys(key: String, expected: String) {
        #expect(HeaderMetadata.snakeCase(key) == expected)
    }

    @Test func keepsTheFirstOfRepeatedKeysAndIgnoresOtherLines() {
        let entries = HeaderMetadata.parse(lines: ["# A: 1", "# A: 2", "not metadata", "# no colon here"])
        #expect(entries.count == 1)
        #expect(entries.first?.value == .int(1))
    }
}
