import Testing
import WeirColumns

@testable import WeirCSV

@Suite struct SmokeTests {
    @Test func readsASmallFile() {
        let outcome = CSVTest.read("a,b,c\n1,2.5,x\n3,,\"y,z\"\n")
        #expect(outcome.columns == ["a", "b", "c"])
        #expect(outcome.types == ["int64", "double", "string"])
        #expect(outcome.rows == [["1", "2.5", "x"], ["3", nil, "y,z"]])
    }
}
