import Testing
import WeirColumns
import WeirTestSupport

@testable import WeirCSV

/// A small file is typed from a quick sample of its first rows and checked by parsing it whole;
/// whatever the file holds, the outcome must be the one the full sample gives.
@Suite struct QuickSampleTests {
    private static let full = CSVTest.options { $0.quickSample = false }

    @Test func aColumnThatTurnsDecimalAfterTheQuickSampleIsADouble() {
        let values = (0..<300).map { $0 == 250 ? "2.5" : String($0) }
        let text = "n\n" + values.joined(separator: "\n") + "\n"
        let outcome = CSVTest.read(text)
        #expect(outcome.types == ["double"])
        #expect(outcome.rows.count == 300)
        #expect(outcome.rows[250] == ["2.5"])
        #expect(outcome.rows[1] == ["1.0"])
        #expect(outcome == CSVTest.read(text, Self.full))
    }

    @Test func aColumnEmptyInTheQuickSampleIsTypedFromTheRest() {
        let values = (0..<300).map { $0 < 150 ? "" : String($0) }
        let text = "a,n\n" + values.map { "x,\($0)" }.joined(separator: "\n") + "\n"
        let outcome = CSVTest.read(text)
        #expect(outcome.types == ["string", "int64"])
        #expect(outcome.rows[149] == ["x", nil])
        #expect(outcome.rows[150] == ["x", "150"])
    }

    @Test func aWordLateInANumberColumnMakesItAStringInEitherErrorMode() {
        let values = (0..<300).map { $0 == 280 ? "oops" : String($0) }
        let text = "n\n" + values.joined(separator: "\n") + "\n"
        for options in [CSVOptions(), CSVTest.rejecting] {
            let outcome = CSVTest.read(text, options)
            #expect(outcome.types == ["string"])
            #expect(outcome.rejects.isEmpty)
            #expect(outcome.rows[280] == ["oops"])
        }
    }

    @Test func aLateMismatchPastTheFullSampleIsReportedAsBefore() {
        var options = CSVOptions()
        options.sampleRows = 200
        let values = (0..<300).map { $0 == 290 ? "oops" : String($0) }
        let text = "n\n" + values.joined(separator: "\n") + "\n"
        let outcome = CSVTest.read(text, options)
        options.quickSample = false
        #expect(outcome == CSVTest.read(text, options))
        #expect(outcome.error?.contains("a sample of 200 rows") == true, "\(outcome)")
    }

    @Test func declaredColumnsAreNotSampled() {
        let text = "a,b\n" + (0..<300).map { "\($0),x\($0)" }.joined(separator: "\n") + "\n"
        let outcome = CSVTest.read(text, CSVTest.options { $0.columnTypes = ["a": .float64, "b": .string] })
        #expect(outcome.types == ["double", "string"])
        #expect(outcome.rows[299] == ["299.0", "x299"])
    }

    /// Random files whose columns change character at random rows, in both error modes.
    @Test func theOutcomeIsTheFullSamplesForRandomFiles() {
        var random = SeededRandom(seed: 0x51CE)
        for index in 0..<400 {
            let columns = 1 + random.below(4)
            let rows = 1 + random.below(400)
            let kinds = (0..<columns).map { _ in random.below(9) }
            let switchRows = (0..<columns).map { _ in random.below(rows + 1) }
            var lines = [(0..<columns).map { "c\($0)" }.joined(separator: ",")]
            for row in 0..<rows {
                var cells: [String] = []
                for column in 0..<columns {
                    let late = row >= switchRows[column]
                    let number = random.below(1000) - 500
                    var cell: String
                    switch kinds[column] {
                    case 0: cell = String(number)
                    case 1: cell = String(Double(number) / 8)
                    case 2: cell = late ? String(Double(number) / 8) : String(number)
                    case 3: cell = late ? String(number) : ""
                    case 4: cell = late ? "word\(number)" : String(number)
                    case 5: cell = late ? "1e400" : String(number)
                    case 6: cell = late ? "\"\(number)\"" : String(number)
                    case 7: cell = late ? "NA" : "\(number).5"
                    default: cell = random.below(2) == 0 ? "true" : "false"
                    }
                    if random.below(20) == 0 { cell = "" }
                    cells.append(cell)
                }
                // Now and then a ragged row, which both modes must treat alike.
                if random.below(150) == 0 { cells.append("extra") }
                lines.append(cells.joined(separator: ","))
            }
            let text = lines.joined(separator: "\n") + "\n"
            for mode in [CSVOptions.ErrorMode.failFile, .rejectRows] {
                var quick = CSVOptions()
                quick.errorMode = mode
                var slow = quick
                slow.quickSample = false
                let expected = CSVTest.read(text, slow)
                let actual = CSVTest.read(text, quick)
                #expect(actual == expected, "file \(index), \(mode):\n\(text.prefix(400))")
                if actual != expected { return }
            }
        }
    }
}
