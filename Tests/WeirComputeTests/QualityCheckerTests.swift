import PropertyBased
import Testing
import WeirColumns
import WeirTestSupport

@testable import WeirCompute

@Suite struct QualityCheckerTests {
    /// Stations (some null) and whole-second times (some null) over `span` seconds: many duplicates.
    static func batches(seed: UInt64, rows: Int, span: Int) -> [RecordBatch] {
        var random = SeededRandom(seed: seed)
        let schema = Schema([Field("station", .string), Field("time", .timestamp(unit: .microseconds, utc: true))])
        var batches: [RecordBatch] = []
        var done = 0
        while done < rows {
            let count = min(37, rows - done)
            var stations = ByteArrays()
            var stationValid: [Bool] = []
            var times: [Int64] = []
            var timeValid: [Bool] = []
            for _ in 0..<count {
                stations.append("S\(random.below(4))")
                stationValid.append(random.below(15) != 0)
                times.append((1_743_465_600 + Int64(random.below(span))) * 1_000_000)
                timeValid.append(random.below(20) != 0)
            }
            batches.append(
                RecordBatch(
                    schema: schema,
                    columns: [
                        Column(field: schema.fields[0], storage: .bytes(stations), validity: stationValid),
                        Column(field: schema.fields[1], storage: .int64(times), validity: timeValid),
                    ]))
            done += count
        }
        return batches
    }

    @Test func packedSortedChecksEqualTheExternalSort() async throws {
        let spillParent = try TemporaryDirectory()
        await propertyCheck(
            count: 50, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...500), Gen.int(in: 1...400), Gen.bool
        ) { seed, rows, span, grouped in
            let batches = Self.batches(seed: UInt64(seed), rows: rows, span: span)
            let schema = batches.first?.schema ?? Self.batches(seed: 0, rows: 1, span: 1)[0].schema
            let rules = [
                QualityRule(check: .unique, columns: ["station", "time"]),
                QualityRule(check: .timeGaps, columns: ["time"], everySeconds: 5),
                QualityRule(check: .unique, columns: ["time"]),
            ]
            let checker = QualityChecker(rules: rules, groupBy: grouped ? ["station"] : [])
            func outcomes(_ budget: MemoryBudget) throws -> [QualityOutcome] {
                let spill = try SpillFolder(in: spillParent.path, budget: budget)
                return try checker.run(
                    MemoryStream(batches, schema: schema),
                    reopen: { try Project(MemoryStream(batches, schema: schema), columns: $0) }, budget: budget,
                    spill: spill
                ).outcomes
            }
            do {
                let packed = try outcomes(MemoryBudget(limit: 1 << 30))
                // A budget below 16 bytes a row leaves the external sort, which spills.
                let sorted = try outcomes(MemoryBudget(limit: max(64, rows * 4)))
                #expect(packed == sorted, "seed \(seed), \(rows) rows, span \(span), grouped \(grouped)")
                if rows > 50 && span < 100 { #expect(packed[0].failed > 0, "duplicates are found") }
            } catch {
                Issue.record("quality checks failed: \(error)")
            }
        }
    }

    @Test(arguments: [true, false])
    func packedChecksOfAnEmptyInputFindNothing(grouped: Bool) throws {
        let spillParent = try TemporaryDirectory()
        let schema = Self.batches(seed: 0, rows: 1, span: 1)[0].schema
        let rules = [
            QualityRule(check: .unique, columns: ["station", "time"]),
            QualityRule(check: .timeGaps, columns: ["time"], everySeconds: 5),
        ]
        let checker = QualityChecker(rules: rules, groupBy: grouped ? ["station"] : [])
        let budget = MemoryBudget(limit: 1 << 30)
        let outcomes = try checker.run(
            MemoryStream([], schema: schema), reopen: { try Project(MemoryStream([], schema: schema), columns: $0) },
            budget: budget, spill: try SpillFolder(in: spillParent.path, budget: budget)
        ).outcomes
        #expect(outcomes.count == 2)
        #expect(outcomes.allSatisfy { $0.failed == 0 })
    }

    @Test func theRadixSortSortsOnEveryCore() {
        var random = SeededRandom(seed: 5)
        for count in [0, 1, 2, 1_000, 300_000] {
            var keys = (0..<count).map { _ in random.next() >> UInt64(random.below(40)) }
            let expected = keys.sorted()
            QualityChecker.sortInParallel(&keys)
            #expect(keys == expected, "\(count) keys")
        }
    }
}
