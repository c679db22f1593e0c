import Testing
import WeirColumns
import WeirTestSupport

@testable import WeirCSV

@Suite struct TypeInferenceTests {
    @Test(arguments: [
        (["1", "-2", "+3"], "int64"),
        (["1", "2.5"], "double"),
        (["1", "1e5", "nan"], "double"),
        (["99999999999999999999"], "double"),
        (["1", "x"], "string"),
        (["true", "False", "TRUE"], "bool"),
        (["true", "1"], "string"),
        (["2024-01-01", "2024-12-31"], "date"),
        (["2024-01-01", "2024-01-01 10:00"], "timestamp[us]"),
        (["2024-01-01T10:00:00.5", "2024-01-01 10:00:01.123456"], "timestamp[us]"),
        (["2024-01-01T10:00:00.1234567"], "timestamp[ns]"),
        (["2024-01-01T10:00:00Z", "2024-01-01T10:00:00+02:00", "2024-01-01T10:00:00-0530"], "timestamp[us, UTC]"),
        (["2024-01-01T10:00:00Z", "2024-01-01T10:00:00"], "timestamp[us, UTC]"),
        (["2024-01-01T10:00:00", "2024-01-01T10:00:00.5+01:00", "2024-01-01 11:00"], "timestamp[us, UTC]"),
        (["2024-01-01", "2024-01-01T10:00:00Z"], "timestamp[us, UTC]"),
        (["2024-01-01T10:00:00Z", "2024-01-01T10:00:00", "x"], "string"),
        (["2024-01-01T10:00:00Z", "2024-01-01T10:00:00.1234567"], "timestamp[ns, UTC]"),
        (["NA", "", "null"], "string"),
        ([" 12 ", "3"], "int64"),
        (["\"4\"", "5"], "int64"),
    ])
    func infersTheNarrowestType(_ values: [String], _ expected: String) {
        let text = "x\n" + values.joined(separator: "\n") + "\n"
        #expect(CSVTest.read(text).types == [expected], "\(values)")
    }

    @Test func valuesAreConvertedByTheInferredType() {
        let outcome = CSVTest.read("t,u,d,b\n2024-01-01 10:00:00.25,2024-01-01T10:00:00+02:00,2024-02-29,TRUE\n")
        #expect(outcome.rows == [["2024-01-01T10:00:00.250000", "2024-01-01T08:00:00.000000Z", "2024-02-29", "true"]])
    }

    @Test func declaredTypesOverrideInference() {
        let outcome = CSVTest.read(
            "a,b,c,d,e,f\n1,2,3,2024-01-01 10:00,1.25,yes\n",
            CSVTest.options {
                $0.columnTypes = [
                    "a": .string, "b": .float64, "c": .int16, "d": .timestamp(unit: .milliseconds, utc: true),
                    "e": .decimal(precision: 6, scale: 2), "f": .boolean,
                ]
            })
        #expect(outcome.types == ["string", "double", "int16", "timestamp[ms, UTC]", "decimal(6,2)", "bool"])
        #expect(outcome.rows == [["1", "2.0", "3", "2024-01-01T10:00:00.000Z", "1.25", "true"]])
    }

    @Test func aLocalColumnRejectsOffsetsAndAUTCColumnTakesBoth() {
        let local = CSVTest.read("t\n2024-01-01 10:00\n2024-01-01 10:00Z\n", CSVTest.options { $0.sampleRows = 1 })
        #expect(
            local.error?.contains("line 3, column 1 ('t'), byte 19: The value '2024-01-01 10:00Z' does not fit") == true
        )
        let utc = CSVTest.read(
            "t\n2024-01-01 10:00\n2024-01-01 10:00+01:00\n",
            CSVTest.options { $0.columnTypes["t"] = .timestamp(unit: .microseconds, utc: true) })
        #expect(utc.rows == [["2024-01-01T10:00:00.000000Z"], ["2024-01-01T09:00:00.000000Z"]])
    }

    @Test func wideDecimalsAreStoredAsFixedBytes() {
        let outcome = CSVTest.read(
            "a\n-12345678901234567890.5\n", CSVTest.options { $0.columnTypes["a"] = .decimal(precision: 30, scale: 1) })
        #expect(outcome.rows == [["-12345678901234567890.5"]])
    }

    @Test func onlyTheSampleDecidesTheType() {
        let outcome = CSVTest.read("a\n1\n2\nx\n", CSVTest.options { $0.sampleRows = 2 })
        #expect(outcome.error?.contains("The value 'x' does not fit the column's type int64.") == true)
        #expect(CSVTest.read("a\n1\n2\nx\n").types == ["string"])
    }
}

@Suite struct SpreadSampleTests {
    @Test func rowsFurtherIntoALargeFileWidenTheType() throws {
        // 20,000 integer rows, then fractions: the head sample alone would say int64.
        var text = "a,b\n"
        for row in 0..<20_000 { text += "\(row),x\n" }
        for row in 0..<20_000 { text += "\(row).5,y\n" }
        let folder = try TemporaryDirectory()
        let file = try folder.write("t.csv", text)
        let reader = try CSVReader(path: file.path)
        #expect(reader.schema.fields.map(\.type.name) == ["double", "string"])
        #expect(try reader.readAll().records.rowCount == 40_000)
    }

    @Test func quotedLineBreaksKeepTheSampleAtTheHead() throws {
        var text = "a,b\n1,\"x\ny\"\n"
        for row in 0..<20_000 { text += "\(row),z\n" }
        for row in 0..<20_000 { text += "\(row).5,z\n" }
        let folder = try TemporaryDirectory()
        let file = try folder.write("t.csv", text)
        let reader = try CSVReader(path: file.path)
        #expect(reader.schema.fields.map(\.type.name) == ["int64", "string"])
    }
}
