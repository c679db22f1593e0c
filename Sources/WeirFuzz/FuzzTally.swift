/// How a run of cases ended: how many gave data and how many the expected reader's error, what
/// else came out, and the case that hung (the run stops there).
public struct FuzzTally: Sendable {
    public var data = 0
    public var errors = 0
    /// One line per case whose outcome was neither data nor an expected error.
    public var unexpected: [String] = []
    public var hang: String?
}

extension FuzzCorpus {
    /// Runs cases `0..<cases` of `seed`, each under a watchdog of `seconds`, counting outcomes;
    /// `isExpectedError` tells the errors of the reader under test from every other outcome.
    public func tally(
        seed: UInt64, cases: Int, seconds: Double, isExpectedError: (FuzzOutcome) -> Bool
    ) -> FuzzTally {
        var tally = FuzzTally()
        for index in 0..<cases {
            let fuzzCase = FuzzCase(self, seed: seed, index: index)
            let place = "seed \(seed), case \(index) (\(fuzzCase.source): \(fuzzCase.note))"
            guard let outcome = Watchdog.run(seconds: seconds, { fuzzCase.run() }) else {
                tally.hang = "A hang: " + place
                return tally
            }
            if case .data = outcome {
                tally.data += 1
            } else if isExpectedError(outcome) {
                tally.errors += 1
            } else {
                tally.unexpected.append("\(outcome): " + place)
            }
        }
        return tally
    }
}
