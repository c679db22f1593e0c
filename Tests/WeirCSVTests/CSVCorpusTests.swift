import Testing
import WeirColumns
import WeirTestSupport

@testable import WeirCSV

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One awkward or malformed file and exactly what reading it gives.
struct CorpusCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: [UInt8]
    let options: CSVOptions
    /// The rows that read (in reject-rows mode; in fail-file mode too when `errors` is empty).
    let rows: [[String?]]
    /// Each bad row's error, in file order. Fail-file mode throws the first; reject-rows mode
    /// sets them all aside.
    let errors: [String]
    let types: [String]?

    init(
        _ name: String, _ text: String, _ options: CSVOptions = CSVOptions(), rows: [[String?]],
        errors: [String] = [], types: [String]? = nil
    ) {
        self.init(name, bytes: Array(text.utf8), options, rows: rows, errors: errors, types: types)
    }

    init(
        _ name: String, bytes: [UInt8], _ options: CSVOptions = CSVOptions(), rows: [[String?]],
        errors: [String] = [], types: [String]? = nil
    ) {
        self.name = name
        input = bytes
        self.options = options
        self.rows = rows
        self.errors = errors
        self.types = types
    }

    var testDescription: String { name }
}

private func with(_ configure: (inout CSVOptions) -> Void) -> CSVOptions { CSVTest.options(configure) }

let corpus: [CorpusCase] = [
    // Ragged rows.
    CorpusCase(
        "too many fields", "a,b\n1,2\n3,4,5\n6,7\n", rows: [["1", "2"], ["6", "7"]],
        errors: [
            "'t.csv': line 3, column 3, byte 12: The row has 3 fields but the header has 2. Quote values that "
                + "contain the delimiter ',', or remove the extra fields."
        ]),
    CorpusCase(
        "too few fields", "a,b,c\n1,2,3\n4\n5,6,7\n", rows: [["1", "2", "3"], ["5", "6", "7"]],
        errors: [
            "'t.csv': line 3, column 2 ('b'), byte 13: The row has 1 field but the header has 3. Add the missing "
                + "fields (empty for null)."
        ]),
    CorpusCase(
        "ragged row after a quoted line break counts physical lines", "a,b\n1,\"x\ny\"\n2,3,4\n",
        rows: [["1", "x\ny"]],
        errors: [
            "'t.csv': line 4, column 3, byte 16: The row has 3 fields but the header has 2. Quote values that "
                + "contain the delimiter ',', or remove the extra fields."
        ]),
    CorpusCase(
        "ragged rows without a header compare with the first row", "1,2\n3\n",
        with { $0.dialect.hasHeader = false }, rows: [["1", "2"]],
        errors: [
            "'t.csv': line 2, column 2 ('column_2'), byte 5: The row has 1 field but the first row has 2. Add the "
                + "missing fields (empty for null)."
        ]),
    CorpusCase(
        "without a header, a malformed first row is reported as such", "\"abc\n1,2\n",
        with { $0.dialect.hasHeader = false }, rows: [["1", "2"]],
        errors: [
            "'t.csv': line 1, column 1 ('column_1'), byte 0: The quoted field has no closing quote before the end of the "
                + "file. Close "
                + "the quote, and write quotes inside a quoted field twice (\"\")."
        ]),
    CorpusCase(
        "without a header and without a sample, the first row still gives the columns", "1,x\n2,y\n",
        with {
            $0.dialect.hasHeader = false
            $0.sampleRows = 0
        }, rows: [["1", "x"], ["2", "y"]], types: ["string", "string"]),
    // Quotes.
    CorpusCase(
        "unterminated quote runs to the end of the file", "a,b\n1,2\n3,\"abc\n4,5\n", rows: [["1", "2"], ["4", "5"]],
        errors: [
            "'t.csv': line 3, column 2 ('b'), byte 10: The quoted field has no closing quote before the end of the "
                + "file. Close the quote, and write quotes inside a quoted field twice (\"\")."
        ]),
    CorpusCase(
        "unterminated quote in the last row without a line break", "a,b\n1,\"2", rows: [],
        errors: [
            "'t.csv': line 2, column 2 ('b'), byte 6: The quoted field has no closing quote before the end of the "
                + "file. Close the quote, and write quotes inside a quoted field twice (\"\")."
        ], types: ["string", "string"]),
    CorpusCase(
        "a quote inside an unquoted field is an ordinary byte", "a,b\n1,ab\"c\n2,x\n",
        rows: [["1", "ab\"c"], ["2", "x"]]),
    CorpusCase(
        "text after a closing quote", "a,b\n1,\"ab\"c,d\n2,x\n", rows: [["2", "x"]],
        errors: [
            "'t.csv': line 2, column 2 ('b'), byte 10: The closing quote of a field is followed by 'c' instead of a "
                + "delimiter or a line break. Write a quote inside a quoted field twice (\"\"), or quote the whole field."
        ]),
    CorpusCase(
        "embedded delimiters, line breaks and doubled quotes", "a,b\n1,\"x,\ny\"\n2,\"p\"\"q\"\n3,\"\"\"\"\n",
        rows: [["1", "x,\ny"], ["2", "p\"q"], ["3", "\""]]),
    CorpusCase("CRLF inside a quoted field is kept", "a\r\n\"x\r\ny\"\r\n", rows: [["x\r\ny"]]),
    CorpusCase(
        "escape byte inside quotes", "a,b\n1,\"x\\\"y\\\\z\"\n", with { $0.dialect.escape = UInt8(ascii: "\\") },
        rows: [["1", "x\"y\\z"]]),
    CorpusCase(
        "quoting turned off keeps quotes", "a,b\n\"1\",\"x\n", with { $0.dialect.quote = nil },
        rows: [["\"1\"", "\"x"]]),
    CorpusCase("quoted numbers are numbers", "a\n\"1\"\n\" 2 \"\n", rows: [["1"], ["2"]], types: ["int64"]),
    // Encodings and line breaks.
    CorpusCase(
        "invalid UTF-8 in a text field", bytes: Array("a,b\n1,x".utf8) + [0xFF] + Array("y\n2,z\n".utf8),
        rows: [["2", "z"]],
        errors: [
            "'t.csv': line 2, column 2 ('b'), byte 6: The value is not valid UTF-8 (byte 0xFF at position 2 of the "
                + "value). Convert the file to UTF-8, or declare the column as 'binary'."
        ]),
    CorpusCase(
        "invalid UTF-8 in a binary column is kept", bytes: Array("a\nx".utf8) + [0xFF] + [0x0A],
        with { $0.columnTypes["a"] = .binary }, rows: [[Base64.encode(Array("x".utf8) + [0xFF])]]),
    CorpusCase("byte order mark", "\u{FEFF}a,b\n1,2\n", rows: [["1", "2"]]),
    CorpusCase("CRLF line breaks", "a,b\r\n1,2\r\n3,4\r\n", rows: [["1", "2"], ["3", "4"]]),
    CorpusCase("CR line breaks", "a,b\r1,2\r3,4\r", rows: [["1", "2"], ["3", "4"]]),
    CorpusCase(
        "mixed line breaks keep line numbers", "a,b\r\n1,2\r3,4\n5\r\n", rows: [["1", "2"], ["3", "4"]],
        errors: [
            "'t.csv': line 4, column 2 ('b'), byte 14: The row has 1 field but the header has 2. Add the missing "
                + "fields (empty for null)."
        ]),
    CorpusCase("last line without a line break", "a,b\n1,2\n3,4", rows: [["1", "2"], ["3", "4"]]),
    CorpusCase("trailing delimiter on the last line", "a,b\n1,", rows: [["1", nil]]),
    CorpusCase("blank lines are skipped", "a,b\n\n1,2\n\r\n\n3,4\n\n", rows: [["1", "2"], ["3", "4"]]),
    CorpusCase(
        "UTF-16 text", bytes: [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00], rows: [],
        errors: [
            "'t.csv': line 1, byte 0: The file is UTF-16 text (it starts with a UTF-16 byte order mark). Convert it to UTF-8."
        ]),
    CorpusCase(
        "gzip-compressed", bytes: [0x1F, 0x8B, 0x08, 0x00], rows: [],
        errors: ["'t.csv': line 1, byte 0: The file is gzip-compressed. Decompress it first (gunzip)."]),
    // Empty and header-only files.
    CorpusCase(
        "empty file", "", rows: [],
        errors: ["'t.csv': The file is empty: it has no header and no rows. Check that it was written completely."]),
    CorpusCase(
        "only a byte order mark and blank lines", "\u{FEFF}\n\n", rows: [],
        errors: ["'t.csv': The file is empty: it has no header and no rows. Check that it was written completely."]),
    CorpusCase(
        "only metadata lines", "# Key: value\n", rows: [],
        errors: ["'t.csv': The file has metadata lines but no rows. Check that it was written completely."]),
    CorpusCase("header only", "a,b\n", rows: [], types: ["string", "string"]),
    CorpusCase("header only without a line break", "a,b", rows: [], types: ["string", "string"]),
    CorpusCase(
        "header only with declared types", "a,b\n", with { $0.columnTypes = ["a": .int64, "b": .date] }, rows: [],
        types: ["int64", "date"]),
    // Comments, metadata and skipped lines.
    CorpusCase(
        "comment lines anywhere", "a,b\n#c,d,e\n1,2\n# x\n", with { $0.dialect.commentPrefix = Array("#".utf8) },
        rows: [["1", "2"]]),
    CorpusCase(
        "a comment prefix inside a quoted field is data", "a\n\"x\n#y\"\n",
        with { $0.dialect.commentPrefix = Array("#".utf8) },
        rows: [["x\n#y"]]),
    CorpusCase("skipped leading lines", "junk\nmore, junk\na,b\n1,2\n", with { $0.skipLines = 2 }, rows: [["1", "2"]]),
    CorpusCase(
        "metadata lines with a blank line before the header", "# A: 1\n\n# B: x\na\n1\n", rows: [["1"]]),
    CorpusCase(
        "metadata lines read as data when leading lines are not special", "# A\na\n",
        with { $0.leadingLines = .none }, rows: [["a"]], types: ["string"]),
    // Nulls.
    CorpusCase(
        "null strings only when unquoted", "a,b\nNA,\"\"\nnull,x\n,\"NA\"\n",
        rows: [[nil, ""], [nil, "x"], [nil, "NA"]], types: ["string", "string"]),
    CorpusCase(
        "custom null strings", "a,b\n-999,.\n1,2\n", with { $0.nullStrings = ["-999", "."] },
        rows: [[nil, nil], ["1", "2"]], types: ["int64", "int64"]),
    CorpusCase(
        "an empty string is a value when nothing is null", "a\n\"\"\nx\n", with { $0.nullStrings = [] },
        rows: [[""], ["x"]]),
    // Values that do not fit.
    CorpusCase(
        "a value that does not fit a declared type", "a,b\n1,2\nx,3\n", with { $0.columnTypes["a"] = .int64 },
        rows: [["1", "2"]],
        errors: [
            "'t.csv': line 3, column 1 ('a'), byte 8: The value 'x' does not fit the column's type int64. Fix the "
                + "value, or declare the column as 'string'."
        ]),
    CorpusCase(
        "a value that does not fit an inferred type", "a,b\n1,2\n3.5,3\n", with { $0.sampleRows = 1 },
        rows: [["1", "2"]],
        errors: [
            "'t.csv': line 3, column 1 ('a'), byte 8: The value '3.5' does not fit the column's type int64. Its type "
                + "was inferred from a sample of 1 row; declare the column's type (for example 'string') to read it."
        ]),
    CorpusCase(
        "an out-of-range declared int32", "a\n2147483647\n2147483648\n", with { $0.columnTypes["a"] = .int32 },
        rows: [["2147483647"]],
        errors: [
            "'t.csv': line 3, column 1 ('a'), byte 13: The value '2147483648' does not fit the column's type int32. "
                + "Fix the value, or declare the column as 'string'."
        ]),
    CorpusCase(
        "the first bad value of a row is reported, and quoted fields at their quote", "a,b\n\"x\",y\n1,2\n",
        with { $0.columnTypes = ["a": .int64, "b": .int64] }, rows: [["1", "2"]],
        errors: [
            "'t.csv': line 2, column 1 ('a'), byte 4: The value 'x' does not fit the column's type int64. Fix the "
                + "value, or declare the column as 'string'."
        ]),
    CorpusCase(
        "a value error before a structural error in the same batch comes first", "a\n1\nx\n\"2\n",
        with { $0.columnTypes["a"] = .int64 }, rows: [["1"]],
        errors: [
            "'t.csv': line 3, column 1 ('a'), byte 4: The value 'x' does not fit the column's type int64. Fix the "
                + "value, or declare the column as 'string'.",
            "'t.csv': line 4, column 1 ('a'), byte 6: The quoted field has no closing quote before the end of the "
                + "file. Close the quote, and write quotes inside a quoted field twice (\"\").",
        ]),
    // Overlong records.
    CorpusCase(
        "a record longer than the limit", "a,b\n1,2\n" + String(repeating: "x", count: 100) + ",1\n3,4\n",
        with {
            $0.maxRecordBytes = 50
            $0.columnTypes["a"] = .string
        }, rows: [["1", "2"], ["3", "4"]],
        errors: [
            "'t.csv': line 3, byte 8: The record is longer than the limit of 50 bytes. Look for an unterminated quote "
                + "or missing line breaks, or raise the limit."
        ]),
    CorpusCase(
        "a runaway quote hits the record limit, and reading resumes on the next line",
        "a,b\n1,\"2\n" + String(repeating: "3,4\n", count: 20), with { $0.maxRecordBytes = 30 },
        rows: Array(repeating: ["3", "4"], count: 20),
        errors: [
            "'t.csv': line 2, byte 4: The record is longer than the limit of 30 bytes. Look for an unterminated quote "
                + "or missing line breaks, or raise the limit."
        ]),
    // Header oddities.
    CorpusCase(
        "empty and repeated column names", "a,,a,a\n1,2,3,4\n", rows: [["1", "2", "3", "4"]]),
    CorpusCase(
        "other delimiters", "a;b\n1,5;x\n", with { $0.dialect.delimiter = UInt8(ascii: ";") }, rows: [["1,5", "x"]]),
    CorpusCase("tab delimiter", "a\tb\n1\t2\n", with { $0.dialect.delimiter = 0x09 }, rows: [["1", "2"]]),
]

@Suite struct CSVCorpusTests {
    @Test(arguments: corpus)
    func failFileMode(_ item: CorpusCase) {
        let outcome = CSVTest.read(bytes: item.input, item.options)
        if let first = item.errors.first {
            #expect(outcome.error == first)
        } else {
            #expect(outcome.error == nil)
            #expect(outcome.rows == item.rows)
        }
        if let types = item.types, item.errors.isEmpty || item.errors.allSatisfy({ !$0.contains("empty") }) {
            if outcome.error == nil { #expect(outcome.types == types) }
        }
    }

    @Test(arguments: corpus)
    func rejectRowsMode(_ item: CorpusCase) {
        var options = item.options
        options.errorMode = .rejectRows
        let outcome = CSVTest.read(bytes: item.input, options)
        if item.errors.first.map({ $0.contains("The file") || $0.contains("'t.csv': line 1, byte 0") }) == true {
            #expect(outcome.error == item.errors.first)
            return
        }
        #expect(outcome.error == nil)
        #expect(outcome.rows == item.rows)
        #expect(
            outcome.rejects.map { $0.split(separator: ":", maxSplits: 1)[1].dropFirst() }
                == item.errors.map { Substring($0) })
        if let types = item.types { #expect(outcome.types == types) }
    }

    @Test func withoutAHeaderAFirstRowLongerThanTheBufferIsReported() {
        let text = String(repeating: "y", count: 100_000) + "\n1\n"
        let outcome = CSVTest.read(
            text,
            CSVTest.options {
                $0.dialect.hasHeader = false
                $0.maxRecordBytes = 50
            })
        #expect(
            outcome.error
                == "'t.csv': line 1, byte 0: The record is longer than the limit of 50 bytes. Look for an unterminated "
                + "quote or missing line breaks, or raise the limit.")
    }

    @Test func columnNamesAreMadeUnique() {
        #expect(CSVTest.read("a,,a,a\n1,2,3,4\n").columns == ["a", "column_2", "a_2", "a_3"])
    }

    @Test func rejectedRowsKeepTheirTextAndLine() {
        let outcome = CSVTest.read("a,b\n1,2\n3,4,5\n\"x,y\"\n", CSVTest.rejecting)
        #expect(outcome.rejectTexts == ["3,4,5", "\"x,y\""])
        #expect(outcome.rejects.map { $0.prefix(2) } == ["3:", "4:"])
    }

    @Test func metadataLinesAreCollectedWithTheirLines() {
        let outcome = CSVTest.read(
            "# Procedure: IV\n# Chip number: 12\n# Data:\nnote\na,b\n1,2\n",
            CSVTest.options {
                $0.skipLines = 0
            })
        #expect(outcome.metadata == ["1: Procedure=IV", "2: Chip number=12", "3: Data="])
        #expect(outcome.columns == ["note"])
    }

    @Test func metadataLinesCanBeSkippedSilently() {
        let outcome = CSVTest.read(
            "# A: 1\na\n1\n", CSVTest.options { $0.leadingLines = .skip(prefix: Array("#".utf8)) })
        #expect(outcome.metadata == [])
        #expect(outcome.rows == [["1"]])
    }

    @Test func declaredColumnsMustExist() {
        let outcome = CSVTest.read("a,b\n1,2\n", CSVTest.options { $0.columnTypes["c"] = .int64 })
        #expect(
            outcome.error
                == "'t.csv': The schema declares column 'c', which the file does not have (its columns are 'a', 'b'). "
                + "Fix the name in the schema.")
    }

    @Test(arguments: [
        (
            CSVTest.options { $0.dialect.delimiter = 0x0A },
            "The delimiter cannot be a line break. Choose another delimiter."
        ),
        (
            CSVTest.options { $0.dialect.quote = UInt8(ascii: ",") },
            "The quote cannot be the delimiter. Choose another quote."
        ),
        (
            CSVTest.options { $0.maxRecordBytes = 0 },
            "The record size limit '0' is out of range. Choose 1 to 1073741824 bytes."
        ),
        (
            CSVTest.options { $0.columnTypes["a"] = .fixedBinary(width: 4) },
            "The declared type 'fixed_binary(4)' of column 'a' cannot be read from CSV text. Declare it as 'binary' or 'string'."
        ),
    ])
    func contradictoryOptionsAreRejected(_ options: CSVOptions, _ message: String) {
        #expect(CSVTest.read("a\n1\n", options).error == "'t.csv': " + message)
    }

    @Test func foldersAndPipesAreRefused() throws {
        let folder = try TemporaryDirectory()
        let fifo = folder.file("pipe.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: CSVError.self) { try CSVReader(path: fifo) }
        do {
            _ = try CSVReader(path: fifo)
        } catch {
            #expect(
                error.description
                    == "'\(fifo)': The path is not a regular file (a pipe or a device). Save the data to a file first.")
        }
        do {
            _ = try CSVReader(path: folder.path)
        } catch {
            #expect(
                error.description
                    == "'\(folder.path)': The path is a folder, not a CSV file. Name a file, or a glob of files.")
        }
    }

    @Test func missingFilesNameThePath() {
        #expect(throws: CSVError.self) { try CSVReader(path: "/nonexistent/x.csv") }
        do {
            _ = try CSVReader(path: "/nonexistent/x.csv")
        } catch {
            #expect(
                error.description
                    == "'/nonexistent/x.csv': The file cannot be opened (No such file or directory). Check that it exists and is readable."
            )
        }
    }
}
