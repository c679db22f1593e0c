import Testing
import WeirColumns
import WeirTestSupport

@testable import WeirCSV

/// A stray word in a number column (an instrument's `oops`) and a header that is really data.
@Suite struct StrayWordTests {
    private static func column(_ count: Int, words: [Int: String], integers: Bool = false) -> String {
        let values = (0..<count).map { row in
            words[row] ?? (integers ? String(row) : String(Double(row) * 1.25e-7))
        }
        return "a,b\n" + values.enumerated().map { "\($0.offset),\($0.element)" }.joined(separator: "\n") + "\n"
    }

    private static let tolerant = CSVTest.options { $0.strayWordsAreBadValues = true }

    @Test func byDefaultAStrayWordMakesTheColumnText() {
        let outcome = CSVTest.read(Self.column(2_000, words: [700: "oops-1.5e-07"]))
        #expect(outcome.types == ["int64", "string"])
        #expect(outcome.error == nil)
    }

    @Test func whenAskedAStrayWordFailsTheFileNamingItsPlace() {
        let outcome = CSVTest.read(Self.column(2_000, words: [700: "oops-1.5e-07"]), Self.tolerant)
        let error = outcome.error
        #expect(
            error?.contains(
                "line 702, column 2 ('b'), byte 12197: The value 'oops-1.5e-07' does not fit the column's type double. "
                    + "The column's other values are numbers (in a sample of 2000 rows), so this one is taken for a stray word."
            ) == true, "\(outcome.error ?? "")")
    }

    @Test func inRejectRowsModeOnlyItsRowIsSetAside() {
        var options = Self.tolerant
        options.errorMode = .rejectRows
        let outcome = CSVTest.read(Self.column(2_000, words: [700: "oops", 1_500: "n.a."], integers: true), options)
        #expect(outcome.types == ["int64", "int64"])
        #expect(outcome.rows.count == 1_998)
        #expect(outcome.rejectTexts == ["700,oops", "1500,n.a."])
    }

    @Test(arguments: [
        // Too many words for the sample: text.
        ([10: "x", 20: "y", 30: "z"], 2_000, "string"),
        // Too few values to call one word stray.
        ([10: "oops"], 500, "string"),
        // A date is not a word: the column really is mixed.
        ([10: "2024-01-01"], 2_000, "string"),
        // Numbers spelled with an exponent are numbers.
        ([10: "1E5"], 2_000, "double"),
    ])
    func onlyRareWordsAreStray(_ words: [Int: String], _ count: Int, _ type: String) {
        var options = Self.tolerant
        options.errorMode = .rejectRows
        let outcome = CSVTest.read(Self.column(count, words: words), options)
        #expect(outcome.types.last == type, "\(words)")
    }

    @Test func aFirstLineOfMeasurementsIsNotAHeader() {
        let outcome = CSVTest.read("-5.0,1.25e-06\n-4.9,1.5e-06\n")
        #expect(
            outcome.error?.contains(
                "line 1, byte 0: The first line looks like data, not a header: every field is a number ('-5.0', '1.25e-06')"
            ) == true, "\(outcome)")
        let headerless = CSVTest.read("-5.0,1.25e-06\n-4.9,1.5e-06\n", CSVTest.options { $0.dialect.hasHeader = false })
        #expect(headerless.rows.count == 2)
        // Years or ids as column names still make a header.
        #expect(CSVTest.read("2023,2024\n1.5,2.5\n").columns == ["2023", "2024"])
        #expect(CSVTest.read("id,2.5\n1,2\n").columns == ["id", "2.5"])
    }
}
