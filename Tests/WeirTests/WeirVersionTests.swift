import Testing
import Weir

@Suite struct WeirVersionTests {
    @Test func createdByIsParseable() {
        #expect(WeirVersion.createdBy == "weir version \(WeirVersion.current) (build 1)")
    }
}
