import Testing
import WeirColumns
import WeirTestSupport

@testable import WeirCSV

/// Numbers written with a decimal comma, as many European instruments write them.
@Suite struct DecimalCommaTests {
    private static let options = CSVTest.options {
        $0.decimalComma = true
        $0.dialect.delimiter = UInt8(ascii: ";")
    }

    @Test func numbersWithACommaAreDoubles() {
        let outcome = CSVTest.read("v;i_a;n;note\n1,5;-2,25e-6;3;\"a,b\"\n-0,5;1,0E-7;4;c\n", Self.options)
        #expect(outcome.types == ["double", "double", "int64", "string"])
        #expect(outcome.rows == [["1.5", "-2.25e-06", "3", "a,b"], ["-0.5", "1e-07", "4", "c"]])
    }

    @Test func declaredFloatsAndDecimalsTakeTheComma() {
        var options = Self.options
        options.columnTypes = ["f": .float32, "d": .decimal(precision: 6, scale: 2)]
        let outcome = CSVTest.read("f;d\n2,5;12,34\n", options)
        #expect(outcome.types == ["float", "decimal(6,2)"])
        #expect(outcome.rows == [["2.5", "12.34"]])
    }

    @Test func withoutTheOptionTheyAreText() {
        let outcome = CSVTest.read("v;n\n1,5;3\n", CSVTest.options { $0.dialect.delimiter = UInt8(ascii: ";") })
        #expect(outcome.types == ["string", "int64"])
    }

    @Test func aCommaDelimiterIsRefused() {
        let outcome = CSVTest.read("v\n1\n", CSVTest.options { $0.decimalComma = true })
        #expect(
            outcome.error
                == "'t.csv': With a decimal comma the delimiter cannot be ','. Choose another delimiter, such as ';'.")
    }

    @Test func aFirstLineOfCommaNumbersIsNotAHeader() {
        let outcome = CSVTest.read("-5,0;1,25e-06\n-4,9;1,5e-06\n", Self.options)
        #expect(outcome.error?.contains("The first line looks like data, not a header") == true, "\(outcome)")
    }
}
