import PropertyBased
import Testing
import WeirColumns

@testable import WeirCSV

/// Bytes that make every CSV structure but no number, boolean or date, so every column reads as
/// text and cells compare as written.
private let alphabet: [UInt8] = [
    UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: ","), UInt8(ascii: ","), UInt8(ascii: "\""),
    UInt8(ascii: "\""), 0x0A, 0x0A, 0x0D, UInt8(ascii: " "), 0xC3, 0xA9, 0xFF, 0x09, 0x00, UInt8(ascii: "\\"),
]

private func fastParse(
    _ input: [UInt8], rejecting: Bool, chunkBytes: Int, batchRows: Int, parallelism: Int, strings: [String] = [],
    escape: UInt8? = nil
) -> ReferenceParser.Result {
    var options = CSVTest.allStrings(strings, CSVOptions(nullStrings: [""], leadingLines: .none))
    options.dialect.escape = escape
    options.errorMode = rejecting ? .rejectRows : .failFile
    options.chunkBytes = chunkBytes
    options.batchRows = batchRows
    options.parallelism = parallelism
    var result = ReferenceParser.Result()
    do {
        let reader = try CSVReader(bytes: input, options: options)
        while let batch = try reader.next() {
            result.rows += CSVTest.rows(of: batch.records)
            result.rejects += batch.rejects.map { ReferenceParser.Problem($0.error) }
        }
    } catch {
        result.failure = ReferenceParser.Problem(error)
    }
    return result.comparable(rejecting: rejecting)
}

extension ReferenceParser.Result {
    /// When the file fails, the rows read before the failure do not matter.
    func comparable(rejecting: Bool) -> Self {
        var copy = self
        if failure != nil && !rejecting { copy.rows = [] }
        return copy
    }
}

@Suite struct PropertyTests {
    @Test(arguments: [nil, UInt8(ascii: "\\")])
    func fastParserAgreesWithTheReferenceParser(escape: UInt8?) async {
        await propertyCheck(
            count: 2000,
            input: Gen.element(of: alphabet).compactMap { $0 }.array(of: 0...60), Gen.bool, Gen.int(in: 1...24),
            Gen.int(in: 1...4), Gen.int(in: 1...2)
        ) { input, rejecting, chunkBytes, batchRows, parallelism in
            let expected = ReferenceParser(input: input, escape: escape).parse(rejecting: rejecting)
                .comparable(rejecting: rejecting)
            let actual = fastParse(
                input, rejecting: rejecting, chunkBytes: chunkBytes, batchRows: batchRows, parallelism: parallelism,
                escape: escape)
            #expect(actual == expected, "input: \(input.map { String($0, radix: 16) })")
        }
    }

    @Test func writtenTablesReadBackTheSame() async {
        let cell = Gen.element(of: Array("a,\"\n\r #NAé".unicodeScalars)).compactMap { $0 }.array(of: 0...5).map {
            String(String.UnicodeScalarView($0))
        }.optional
        await propertyCheck(count: 1000, input: Gen.int(in: 1...4), cell.array(of: 0...24)) { columns, cells in
            let rowCount = cells.count / columns
            let rows = (0..<rowCount).map { row in Array(cells[(row * columns)..<((row + 1) * columns)]) }
            let names = (1...columns).map { "c\($0)" }
            let batch = RecordBatch(
                columns: names.indices.map { index in
                    var values = ByteArrays()
                    var validity: [Bool] = []
                    for row in rows {
                        values.append(row[index] ?? "")
                        validity.append(row[index] != nil)
                    }
                    return Column(field: Field(names[index], .string), storage: .bytes(values), validity: validity)
                })
            let writer = CSVWriter(schema: batch.schema)
            #expect(throws: Never.self) { try writer.write(batch) }
            let outcome = CSVTest.read(bytes: writer.bytes, CSVTest.allStrings(names))
            #expect(outcome.error == nil)
            #expect(outcome.columns == names)
            #expect(outcome.rows == rows, "written: \(String(decoding: writer.bytes, as: UTF8.self).debugDescription)")
        }
    }

    @Test func parallelReadingEqualsSequentialReading() async {
        // Larger inputs with many quoted line breaks and a few broken rows, split into tiny chunks.
        let fragment = Gen.element(of: ["x", "\"a\nb\"", "\"\"\"\"", "1", "\r\n", "\n", ",", ",", "\"c,d\"", "\"bad"])
            .compactMap { $0 }
        await propertyCheck(count: 300, input: fragment.array(of: 20...200), Gen.int(in: 3...40), Gen.bool) {
            parts, chunkBytes, rejecting in
            let input = Array(("h1,h2\n" + parts.joined()).utf8)
            let sequential = fastParse(
                input, rejecting: rejecting, chunkBytes: 1 << 20, batchRows: 7, parallelism: 1, strings: ["h1", "h2"])
            let parallel = fastParse(
                input, rejecting: rejecting, chunkBytes: chunkBytes, batchRows: 3, parallelism: 2,
                strings: ["h1", "h2"])
            #expect(parallel == sequential)
            #expect(
                sequential == ReferenceParser(input: input).parse(rejecting: rejecting).comparable(rejecting: rejecting)
            )
        }
    }
}
