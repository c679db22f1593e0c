import PropertyBased
import Testing
import WeirColumns
import WeirCompute
import WeirTestSupport

/// The fast path of ``HashAggregate`` for a key of at most one text or integer column and a last
/// integer column (a resample's group and bucket) against the in-memory reference: short and long
/// text, integers with nulls, the integer alone, with and without spilling.
@Suite struct PairGroupingTests {
    static let aggregations: [Aggregation] = [
        Aggregation("x", .count), Aggregation("x", .mean), Aggregation("x", .min), Aggregation("x", .max),
        Aggregation("x", .sum), Aggregation("x", .first), Aggregation("k", .last), Aggregation("x", .std),
    ]

    /// `RandomTable`'s batches with a `bucket` column (the time floored to 6 hours, never null) and,
    /// when `long`, station names longer than eight bytes for half the stations.
    static func batches(seed: Int, rows: Int, batchRows: Int, long: Bool) -> [RecordBatch] {
        RandomTable.batches(seed: UInt64(seed), rows: rows, batchRows: batchRows).map { batch in
            guard case .int64(let times) = batch.columns[3].storage else { return batch }
            let period: Int64 = 6 * 3_600_000_000
            let buckets = times.map { $0 / period * period }
            var columns = batch.columns
            if long, case .bytes(let names) = columns[0].storage {
                let renamed = ByteArrays(
                    (0..<names.count).map { row in
                        let name = names.string(at: row)
                        return name.hasSuffix("1") || name.hasSuffix("3") ? "station-with-a-long-name-" + name : name
                    })
                columns[0] = Column(field: columns[0].field, storage: .bytes(renamed), validity: columns[0].validity)
            }
            columns.append(Column(field: Field("bucket", .int64, nullable: false), storage: .int64(buckets)))
            return RecordBatch(columns: columns)
        }
    }

    @Test func pairKeysEqualTheInMemoryReference() async throws {
        let spillParent = try TemporaryDirectory()
        await propertyCheck(
            count: 50, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...600), Gen.int(in: 1...80),
            Gen.int(in: 0...3), Gen.bool
        ) { seed, rows, batchRows, choice, spilling in
            let batches = Self.batches(seed: seed, rows: rows, batchRows: batchRows, long: choice == 1)
            let groupBy = [["station", "bucket"], ["station", "bucket"], ["k", "bucket"], ["bucket"]][choice]
            let schema = batches.first?.schema ?? Schema(RandomTable.schema.fields + [Field("bucket", .int64)])
            let budget = spilling ? MemoryBudget(limit: 3_000) : .unbounded()
            do {
                let spill = try SpillFolder(in: spillParent.path, budget: budget)
                var aggregate = try HashAggregate(
                    MemoryStream(batches, schema: schema), groupBy: groupBy, aggregations: Self.aggregations,
                    orderBy: "time", budget: budget, spill: spill, batchRows: 7)
                let actual = RandomTable.rows(try aggregate.collect())
                let expected = ReferenceAggregate.aggregate(
                    batches.flatMap(RandomTable.rows), schema: schema, groupBy: groupBy,
                    aggregations: Self.aggregations, orderBy: "time")
                #expect(HashAggregateTests.matches(actual, expected), "seed \(seed), \(rows) rows, \(groupBy)")
            } catch {
                Issue.record("aggregation failed: \(error)")
            }
        }
    }
}
