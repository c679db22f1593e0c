import PropertyBased
import Testing
import WeirColumns
import WeirCompute
import WeirTestSupport

/// Counts, sums, means, minima and maxima of doubles, which ``HashAggregate`` holds group by group,
/// against the in-memory reference: nulls, NaN, signed zeros, infinities, spilling and not.
@Suite struct FusedStatesTests {
    static let aggregations: [Aggregation] =
        [.count, .sum, .mean, .min, .max].map { Aggregation("x", $0) }
        + [Aggregation("station", .count), Aggregation("k", .mean), Aggregation("time", .count)]

    @Test func groupByGroupStatesEqualTheInMemoryReference() async throws {
        let spillParent = try TemporaryDirectory()
        await propertyCheck(
            count: 50, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...9_000), Gen.int(in: 1...5_000),
            Gen.int(in: 0...2), Gen.bool
        ) { seed, rows, batchRows, groupChoice, spilling in
            let batches = RandomTable.batches(seed: UInt64(seed), rows: rows, batchRows: batchRows)
            let groupBy = [["station"], ["station", "k"], []][groupChoice]
            let budget = spilling ? MemoryBudget(limit: 2_000) : .unbounded()
            do {
                let spill = try SpillFolder(in: spillParent.path, budget: budget)
                var aggregate = try HashAggregate(
                    MemoryStream(batches, schema: RandomTable.schema), groupBy: groupBy,
                    aggregations: Self.aggregations, orderBy: "time", budget: budget, spill: spill, batchRows: 5)
                let actual = RandomTable.rows(try aggregate.collect())
                let expected = ReferenceAggregate.aggregate(
                    batches.flatMap(RandomTable.rows), schema: RandomTable.schema, groupBy: groupBy,
                    aggregations: Self.aggregations, orderBy: "time")
                #expect(HashAggregateTests.matches(actual, expected), "seed \(seed), \(rows) rows, \(groupBy)")
            } catch {
                Issue.record("aggregation failed: \(error)")
            }
        }
    }
}
