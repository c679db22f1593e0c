import Foundation
import Testing
import WeirFuzz

/// Mutates lab dumps and hand-made tables with the seeded fuzzer (WeirFuzz): stray quotes, other
/// delimiters, mixed line breaks, BOMs, invalid UTF-8, giant fields, a header alone, nothing at
/// all. Every read must end in rows or a `CSVError` within the watchdog's time. `bench/fuzz.sh`
/// runs the same cases for as long as asked.
@Suite struct MutationFuzzTests {
    @Test(arguments: [0xC5_F0 as UInt64, 0x5EED])
    func mutatedFilesGiveRowsOrErrors(seed: UInt64) {
        let corpus = FuzzCorpus(FuzzSeeds.csvEntries())
        for entry in corpus.entries {
            guard case .data(let rows, _) = CSVTarget.read(entry.bytes, variant: 0), rows >= 30 else {
                Issue.record("\(entry.name) does not read whole: \(CSVTarget.read(entry.bytes, variant: 0))")
                return
            }
        }
        let counts = corpus.tally(seed: seed, cases: 1_500, seconds: 10) {
            if case .csvError = $0 { true } else { false }
        }
        for problem in counts.unexpected { Issue.record("\(problem)") }
        if let hang = counts.hang {
            Issue.record("\(hang)")
            return
        }
        #expect(counts.data > 100)
        #expect(counts.errors > 100)
    }

    /// Replays every CSV file the fuzzer ever found trouble with (Fixtures/fuzz-regressions).
    @Test func everyFindingGivesItsExpectedOutcome() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fuzz-regressions").path
        let regressions = try FuzzRegression.load(directory: folder)
        #expect(regressions.filter(\.isParquet).isEmpty)
        for regression in regressions {
            #expect(regression.note["source"]?.contains(" with seed ") == true, "\(regression.name)")
            // Generous for a debug build on a busy machine: the two 1 MB files take about 1 and 4 s
            // (LongRecordChunkTests checks the fix that made them fast without timing it).
            guard let outcome = Watchdog.run(seconds: 30, { regression.run() }) else {
                Issue.record("\(regression.name) hangs")
                continue
            }
            #expect(outcome.description == regression.expected, "\(regression.name)")
        }
    }
}
