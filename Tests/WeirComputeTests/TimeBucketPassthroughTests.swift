import Foundation
import Testing
import WeirColumns
import WeirCompute
import WeirTestSupport

/// Inputs already at the bucket width pass through with exactly the aggregation's output; inputs
/// that are not (a time inside a bucket, two rows in one bucket) are told apart.
@Suite struct TimeBucketPassthroughTests {
    static let aggregations: [Aggregation] =
        [.count, .sum, .mean, .min, .max, .first, .last, .std].map { Aggregation("x", $0) }
        + [.sum, .min, .max, .first, .count].map { Aggregation("k", $0) }

    struct Case: CustomStringConvertible, Sendable {
        var every: String
        var zone: String?
        var closed = TimeBucketing.Closed.left
        var label = TimeBucketing.Label.left
        var start: Int64 = 1_743_465_600
        var description: String { "every \(every) \(zone ?? "UTC") closed \(closed) label \(label)" }

        var bucketing: TimeBucketing {
            TimeBucketing(
                width: BucketWidth(every)!, closed: closed, label: label,
                timeZone: zone.map { TimeZone(identifier: $0)! })
        }
    }

    static let cases: [Case] = [
        Case(every: "10m"),
        Case(every: "1h", closed: .right, label: .right),
        // Santiago leaves DST at 2025-04-06 00:00: a 25-hour day and a repeated hour.
        Case(every: "1d", zone: "America/Santiago", start: 1_743_811_200),
        Case(every: "1h", zone: "America/Santiago", start: 1_743_890_000),
    ]

    /// Random rows with one row per station (null included) and bucket, at the buckets' labels,
    /// shuffled: the labels come from aggregating random rows, so they lie on the grid.
    static func atWidth(_ test: Case, seed: UInt64) throws -> [RecordBatch] {
        let raw = RandomTable.batches(seed: seed, rows: 1_500, batchRows: 500, span: 400_000, start: test.start)
        var labels = try TimeBucketAggregate(
            MemoryStream(raw), time: "time", bucketing: test.bucketing, groupBy: ["station"],
            aggregations: [Aggregation("x", .count)], budget: .unbounded(), spill: nil)
        let buckets = try labels.collect()
        let rows = buckets.rowCount
        let values = RecordBatch.concatenate(
            RandomTable.batches(seed: seed + 1, rows: rows, batchRows: rows), schema: RandomTable.schema)
        let table = RecordBatch(
            schema: RandomTable.schema,
            columns: [buckets.columns[0], values.columns[1], values.columns[2], buckets.columns[1]].enumerated().map {
                Column(field: RandomTable.schema.fields[$0], storage: $1.storage, validity: $1.validity)
            })
        var random = SeededRandom(seed: seed)
        let shuffled = table.gather(Array(0..<rows).shuffled(using: &random))
        return stride(from: 0, to: rows, by: 97).map { shuffled.slice($0..<min($0 + 97, rows)) }
    }

    @Test(arguments: cases)
    func anInputAtTheWidthPassesThroughWithTheAggregationsOutput(_ test: Case) throws {
        let folder = try TemporaryDirectory()
        let batches = try Self.atWidth(test, seed: 3)
        var probe = MemoryStream(batches, schema: RandomTable.schema)
        #expect(
            try TimeBucketPassthrough.check(&probe, time: "time", bucketing: test.bucketing, groupBy: ["station"])
                == .onGrid)
        var aggregate = try TimeBucketAggregate(
            MemoryStream(batches, schema: RandomTable.schema), time: "time", bucketing: test.bucketing,
            groupBy: ["station"], aggregations: Self.aggregations, budget: .unbounded(), spill: nil)
        let expected = try aggregate.collect()

        let budget = MemoryBudget(limit: 4_096)
        let sorted = try ExternalSort(
            MemoryStream(batches, schema: RandomTable.schema), by: [SortKey("station"), SortKey("time")],
            budget: budget, spill: SpillFolder(in: folder.path, budget: budget), batchRows: 50)
        var passthrough = try TimeBucketPassthrough(
            sorted, time: "time", bucketing: test.bucketing, groupBy: ["station"], aggregations: Self.aggregations)
        #expect(passthrough.schema == aggregate.schema)
        let actual = try passthrough.collect()
        #expect(actual.rowCount == batches.reduce(0) { $0 + $1.rowCount })
        #expect(HashAggregateTests.matches(RandomTable.rows(actual), RandomTable.rows(expected)))

        // In order, it is known at once.
        var inOrder = MemoryStream([actual.slice(0..<actual.rowCount)], schema: actual.schema)
        #expect(
            try TimeBucketPassthrough.check(&inOrder, time: "time", bucketing: test.bucketing, groupBy: ["station"])
                == .atWidthInOrder)
    }

    @Test func minCountNullsEveryResultButCount() throws {
        let test = Self.cases[0]
        let batches = try Self.atWidth(test, seed: 8)
        var aggregate = try TimeBucketAggregate(
            MemoryStream(batches, schema: RandomTable.schema), time: "time", bucketing: test.bucketing,
            groupBy: ["station"], aggregations: Self.aggregations, minCount: 2, budget: .unbounded(), spill: nil)
        let sorted = try ExternalSort(
            MemoryStream(batches, schema: RandomTable.schema), by: [SortKey("station"), SortKey("time")],
            budget: .unbounded(), spill: nil)
        var passthrough = try TimeBucketPassthrough(
            sorted, time: "time", bucketing: test.bucketing, groupBy: ["station"], aggregations: Self.aggregations,
            minCount: 2)
        #expect(
            HashAggregateTests.matches(
                RandomTable.rows(try passthrough.collect()), RandomTable.rows(try aggregate.collect())))
    }

    @Test func twoRowsInOneBucketAreFoundWhilePassingThrough() throws {
        let test = Self.cases[0]
        var batches = try Self.atWidth(test, seed: 5)
        batches.append(batches[0].slice(3..<4))
        var probe = MemoryStream(batches, schema: RandomTable.schema)
        #expect(
            try TimeBucketPassthrough.check(&probe, time: "time", bucketing: test.bucketing, groupBy: ["station"])
                == .onGrid)
        let sorted = try ExternalSort(
            MemoryStream(batches, schema: RandomTable.schema), by: [SortKey("station"), SortKey("time")],
            budget: .unbounded(), spill: nil)
        var passthrough = try TimeBucketPassthrough(
            sorted, time: "time", bucketing: test.bucketing, groupBy: ["station"], aggregations: Self.aggregations)
        #expect(throws: TimeBucketPassthrough.NotAtWidth.self) { try passthrough.collect() }
    }

    @Test func aTimeInsideABucketOrAnEmptyInputIsNotAtTheWidth() throws {
        let raw = RandomTable.batches(seed: 2, rows: 200, batchRows: 50)
        let bucketing = Self.cases[0].bucketing
        var probe = MemoryStream(raw, schema: RandomTable.schema)
        #expect(try TimeBucketPassthrough.check(&probe, time: "time", bucketing: bucketing) == .notAtWidth)
        var empty = MemoryStream([], schema: RandomTable.schema)
        #expect(try TimeBucketPassthrough.check(&empty, time: "time", bucketing: bucketing) == .notAtWidth)
        // Labels of the left end are not on the grid of buckets closed on the left and labelled on the right.
        let labelledLeft = try Self.atWidth(Self.cases[0], seed: 4)
        var shifted = MemoryStream(labelledLeft, schema: RandomTable.schema)
        let rightLabels = TimeBucketing(width: BucketWidth("10m")!, label: .right)
        #expect(try TimeBucketPassthrough.check(&shifted, time: "time", bucketing: rightLabels) == .notAtWidth)
    }
}
