import Testing
import WeirCSV

@Suite struct CSVDialectTests {
    @Test func defaultsToRFC4180() {
        let dialect = CSVDialect()
        #expect(dialect.delimiter == UInt8(ascii: ","))
        #expect(dialect.quote == UInt8(ascii: "\""))
    }
}
