import Foundation
import Testing
import WeirFuzz

/// Replays every Parquet file the fuzzer ever found trouble with (Fixtures/fuzz-regressions):
/// each must now give exactly the outcome its note expects.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions").path

    @Test func everyFindingGivesItsExpectedOutcome() throws {
        let regressions = try FuzzRegression.load(directory: Self.folder)
        #expect(regressions.filter { !$0.isParquet }.isEmpty)
        for regression in regressions {
            #expect(regression.note["source"]?.contains(" with seed ") == true, "\(regression.name)")
            guard let outcome = Watchdog.run(seconds: 10, { regression.run() }) else {
                Issue.record("\(regression.name) hangs")
                continue
            }
            #expect(outcome.description == regression.expected, "\(regression.name)")
        }
    }
}
