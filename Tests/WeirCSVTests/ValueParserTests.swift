import Testing
import WeirColumns

@testable import WeirCSV

private func withBytes<T>(_ text: String, _ body: (UnsafePointer<UInt8>, Int) -> T) -> T {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { body($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
}

@Suite struct ValueParserTests {
    @Test(arguments: [
        ("0", Int64(0)), ("-0", 0), ("+7", 7), ("9223372036854775807", .max), ("-9223372036854775808", .min),
        ("007", 7),
    ])
    func integers(_ text: String, _ expected: Int64) {
        #expect(withBytes(text) { IntegerParser.parseInt64($0, $1) } == expected)
    }

    @Test(arguments: [
        "", "-", "+", "9223372036854775808", "-9223372036854775809", "1.0", "1e3", "12a", "99999999999999999999",
    ])
    func notIntegers(_ text: String) {
        #expect(withBytes(text) { IntegerParser.parseInt64($0, $1) } == nil)
    }

    @Test(arguments: [
        ("2024-02-29", "2024-02-29"), ("1970-01-01", "1970-01-01"), ("2000/12/31", "2000-12-31"),
        ("0001-01-01", "0001-01-01"),
    ])
    func dates(_ text: String, _ expected: String) throws {
        let days = try #require(withBytes(text) { TemporalParser.parseDate($0, $1) })
        #expect(Value.date(days).text == expected)
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "2024-00-10", "2024-1-1", "2024-01-01x", "2024-01/01", "20240101"])
    func notDates(_ text: String) {
        #expect(withBytes(text) { TemporalParser.parseDate($0, $1) } == nil)
    }

    @Test(arguments: [
        ("2025-10-18 09:00:00.100", TimeUnit.microseconds, "2025-10-18T09:00:00.100000"),
        ("2025-10-18T09:00", .microseconds, "2025-10-18T09:00:00.000000"),
        ("2025-10-18t09:00:59,5", .milliseconds, "2025-10-18T09:00:59.500"),
        ("2025-10-18T09:00:00.123456789", .nanoseconds, "2025-10-18T09:00:00.123456789"),
        ("2025-10-18T09:00:00Z", .microseconds, "2025-10-18T09:00:00.000000"),
        ("2025-10-18T09:00:00+02:00", .microseconds, "2025-10-18T07:00:00.000000"),
        ("2025-10-18T00:30:00-0530", .microseconds, "2025-10-18T06:00:00.000000"),
        ("2025-10-18 01:00:00 +01", .microseconds, "2025-10-18T00:00:00.000000"),
        ("2025-01-01T00:00:00+03:00", .microseconds, "2024-12-31T21:00:00.000000"),
        ("1969-12-31T23:59:59.999999", .microseconds, "1969-12-31T23:59:59.999999"),
        ("2024-03-01", .microseconds, "2024-03-01T00:00:00.000000"),
    ])
    func timestamps(_ text: String, _ unit: TimeUnit, _ expected: String) throws {
        let parsed = try #require(withBytes(text) { TemporalParser.parseTimestamp($0, $1) })
        let value = try #require(parsed.value(in: unit))
        #expect(Value.timestampText(value, unit: unit, utc: false) == expected)
    }

    @Test(arguments: [
        "2025-10-18 24:00:00", "2025-10-18 09:60", "2025-10-18 09:00:61", "2025-10-18 9:00", "2025-10-18T09:00:00.",
        "2025-10-18T09:00:00.1234567890", "2025-10-18T09:00:00+2", "2025-10-18T09:00:00Zx", "2025-10-18T09:00:00 ",
        "2025-10-18X09:00",
    ])
    func notTimestamps(_ text: String) {
        #expect(withBytes(text) { TemporalParser.parseTimestamp($0, $1) } == nil)
    }

    @Test func finerFractionsDoNotFitCoarserUnits() throws {
        let parsed = try #require(withBytes("2025-10-18T09:00:00.1234567") { TemporalParser.parseTimestamp($0, $1) })
        #expect(parsed.value(in: .microseconds) == nil)
        #expect(parsed.value(in: .nanoseconds) != nil)
        let far = try #require(withBytes("2300-01-01") { TemporalParser.parseTimestamp($0, $1) })
        #expect(far.value(in: .nanoseconds) == nil)
        #expect(far.value(in: .microseconds) != nil)
    }

    @Test(arguments: [
        ("12.5", 10, 2, Int128(1250)), ("-0.05", 5, 2, -5), ("3", 5, 2, 300), ("1.230", 5, 2, 123),
        ("99999999999999999999999999999999999999", 38, 0, Int128("99999999999999999999999999999999999999")!),
    ])
    func decimals(_ text: String, _ precision: Int, _ scale: Int, _ expected: Int128) {
        #expect(withBytes(text) { DecimalParser.parse($0, $1, precision: precision, scale: scale) } == expected)
    }

    @Test(arguments: [("1.234", 5, 2), ("1234", 5, 2), ("1e2", 5, 2), ("", 5, 2), ("-", 5, 2), ("1..2", 5, 2)])
    func notDecimals(_ text: String, _ precision: Int, _ scale: Int) {
        #expect(withBytes(text) { DecimalParser.parse($0, $1, precision: precision, scale: scale) } == nil)
    }

    @Test func booleans() {
        for text in ["true", "TRUE", "True"] { #expect(withBytes(text) { BooleanParser.parseStrict($0, $1) } == true) }
        for text in ["1", "yes", "t", "Y"] { #expect(withBytes(text) { BooleanParser.parseLenient($0, $1) } == true) }
        for text in ["0", "no", "f", "N"] { #expect(withBytes(text) { BooleanParser.parseLenient($0, $1) } == false) }
        for text in ["1", "yes", "tru", "truee"] {
            #expect(withBytes(text) { BooleanParser.parseStrict($0, $1) } == nil)
        }
    }

    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [
            0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xA0, 0x9F, 0x90, 0x8F,
        ]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                interesting.randomElement(using: &generator)!
            }
            let ours = bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalid($0.baseAddress!, $0.count) == nil }
            let theirs = String(validating: bytes, as: UTF8.self) != nil
            #expect(ours == theirs, "\(bytes)")
        }
    }
}
