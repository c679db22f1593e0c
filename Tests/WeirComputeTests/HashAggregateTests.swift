import PropertyBased
import Testing
import WeirColumns
import WeirCompute
import WeirTestSupport

@Suite struct HashAggregateTests {
    static let aggregations: [Aggregation] =
        AggregateFunction.allCases.map { Aggregation("x", $0) }
        + [.sum, .min, .max, .mean, .first, .last, .count].map { Aggregation("k", $0) }
        + [.min, .max, .first, .last].map { Aggregation("station", $0) }

    static func matches(_ actual: [[Value]], _ expected: [[Value]]) -> Bool {
        actual.count == expected.count && zip(actual, expected).allSatisfy { zip($0, $1).allSatisfy { $0.closeTo($1) } }
    }

    @Test func spillingAggregationEqualsTheInMemoryReference() async throws {
        let spillParent = try TemporaryDirectory()
        await propertyCheck(
            count: 60, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...500), Gen.int(in: 1...64),
            Gen.int(in: 0...2), Gen.int(in: 1...3)
        ) { seed, rows, batchRows, groupChoice, minCount in
            let batches = RandomTable.batches(seed: UInt64(seed), rows: rows, batchRows: batchRows)
            let groupBy = [["station"], ["station", "k"], []][groupChoice]
            let budget = MemoryBudget(limit: 2_000)
            do {
                let spill = try SpillFolder(in: spillParent.path, budget: budget)
                var aggregate = try HashAggregate(
                    MemoryStream(batches, schema: RandomTable.schema), groupBy: groupBy,
                    aggregations: Self.aggregations, orderBy: "time", minCount: minCount, budget: budget,
                    spill: spill, batchRows: 3)
                let actual = RandomTable.rows(try aggregate.collect())
                let expected = ReferenceAggregate.aggregate(
                    batches.flatMap(RandomTable.rows), schema: RandomTable.schema, groupBy: groupBy,
                    aggregations: Self.aggregations, orderBy: "time", minCount: minCount)
                #expect(Self.matches(actual, expected), "seed \(seed), \(rows) rows, \(groupBy)")
                if rows > 300 && groupBy.count == 2 { #expect(budget.spillFiles > 0, "a tiny budget must spill") }
            } catch {
                Issue.record("aggregation failed: \(error)")
            }
        }
    }

    @Test func withoutSpillingTheResultIsTheSame() throws {
        let batches = RandomTable.batches(seed: 11, rows: 2_000, batchRows: 300)
        var aggregate = try HashAggregate(
            MemoryStream(batches), groupBy: ["station", "k"], aggregations: Self.aggregations, orderBy: "time",
            budget: .unbounded(), spill: nil)
        let actual = RandomTable.rows(try aggregate.collect())
        let expected = ReferenceAggregate.aggregate(
            batches.flatMap(RandomTable.rows), schema: RandomTable.schema, groupBy: ["station", "k"],
            aggregations: Self.aggregations, orderBy: "time")
        #expect(actual.count == 50, "5 stations (one null) × 10 values of k (one null)")
        #expect(Self.matches(actual, expected))
    }

    /// One pass updates a column's sum or mean, minimum and maximum together: every subset of them
    /// (with the others absent, one alone included) equals the reference.
    @Test(arguments: [
        [AggregateFunction.min, .max], [.mean, .max], [.sum, .min], [.mean, .sum, .min, .max, .count], [.sum], [.mean],
        [.min], [.max],
    ])
    func fusedSubsetsOfOneColumnEqualTheReference(functions: [AggregateFunction]) throws {
        let aggregations = functions.map { Aggregation("x", $0) } + [Aggregation("k", .min)]
        let batches = RandomTable.batches(seed: 5, rows: 3_000, batchRows: 250)
        var aggregate = try HashAggregate(
            MemoryStream(batches), groupBy: ["station"], aggregations: aggregations, budget: .unbounded(), spill: nil)
        let actual = RandomTable.rows(try aggregate.collect())
        let expected = ReferenceAggregate.aggregate(
            batches.flatMap(RandomTable.rows), schema: RandomTable.schema, groupBy: ["station"],
            aggregations: aggregations, orderBy: "time")
        #expect(actual.count == 5)
        #expect(Self.matches(actual, expected), "\(functions)")
    }

    @Test func aMeanOfTextIsRefusedNamingWhatApplies() {
        let error = #expect(throws: ComputeError.self) {
            _ = try HashAggregate(
                MemoryStream([], schema: RandomTable.schema), groupBy: [],
                aggregations: [Aggregation("station", .mean)], budget: .unbounded(), spill: nil)
        }
        #expect(
            error?.message
                == "The aggregation 'mean' does not apply to the string column 'station'. Please use 'count', 'min', "
                + "'max', 'first', 'last' for it, or aggregate a numeric column.")
    }

    @Test func aFullBudgetWithoutASpillFolderIsAnError() throws {
        let batches = RandomTable.batches(seed: 5, rows: 400, batchRows: 100)
        var aggregate = try HashAggregate(
            MemoryStream(batches), groupBy: ["station", "k", "x"], aggregations: [Aggregation("x", .count)],
            budget: MemoryBudget(limit: 500), spill: nil)
        let error = #expect(throws: ComputeError.self) { try aggregate.collect() }
        #expect(error?.kind == .memory)
        #expect(error?.message.hasSuffix("Please raise the budget or give the aggregation a spill folder.") == true)
    }

    @Test func columnStatisticsIgnoreNullsAndNaN() throws {
        var stream = MemoryStream(RandomTable.batches(seed: 9, rows: 500, batchRows: 50))
        let rows = RandomTable.batches(seed: 9, rows: 500, batchRows: 500).flatMap(RandomTable.rows)
        let statistics = try ColumnStatistics.collect(&stream)
        #expect(statistics.map(\.name) == ["station", "k", "x", "time"])
        for (index, column) in statistics.enumerated() {
            let values = rows.map { $0[index] }.filter { value in
                if case .double(let number) = value { return !number.isNaN }
                return !value.isNull
            }
            let sorted = values.sorted { (ValueOrder.compare($0, $1) ?? 0) < 0 }
            #expect(column.count == 500)
            #expect(column.nulls == rows.filter { $0[index].isNull }.count)
            #expect(column.min == sorted.first && column.max == sorted.last, "\(column.name)")
        }
    }
}
