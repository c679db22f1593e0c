import Foundation
import Testing
import WeirTestSupport

@Suite struct VersionTests {
    @Test func printsTheVersion() throws {
        let result = try TestEnvironment.weir(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }
}

@Suite struct UsageErrorTests {
    @Test func unknownOptionsExitWithStatusTwo() throws {
        let result = try TestEnvironment.weir(["--no-such-option"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--no-such-option"))
    }
}
