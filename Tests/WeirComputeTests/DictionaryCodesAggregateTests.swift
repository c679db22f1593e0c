import PropertyBased
import Testing
import WeirColumns
import WeirCompute
import WeirTestSupport

/// Resampling through the dictionary codes a Parquet reader keeps (group numbers and bucket keys
/// worked out once per distinct value) gives exactly what resampling the plain values gives: with
/// dictionaries in any order, holding values no row uses, on some batches and not others.
@Suite struct DictionaryCodesAggregateTests {
    /// `column` with codes into a dictionary of its values (nulls point anywhere), shuffled, with
    /// `extra` values that no row holds.
    static func withCodes(_ column: Column, random: inout SeededRandom, extra: Int) -> Column {
        var entries: [Value] = []
        var index: [Value: Int] = [:]
        for row in 0..<column.count where !column.isNull(row) {
            let value = column.value(at: row)
            if index[value] == nil {
                index[value] = entries.count
                entries.append(value)
            }
        }
        for number in 0..<extra {
            let value: Value =
                if case .bytes = column.storage { .string("unused-\(number)") } else {
                    .int(-9_000_000 - Int64(number))
                }
            if index[value] == nil {
                index[value] = entries.count
                entries.append(value)
            }
        }
        guard !entries.isEmpty else { return column }
        var order = Array(entries.indices)
        for position in order.indices.reversed() where position > 0 {
            order.swapAt(position, random.below(position + 1))
        }
        let shuffled = order.map { entries[$0] }
        let place = Dictionary(uniqueKeysWithValues: shuffled.enumerated().map { ($1, UInt32($0)) })
        let storage: ColumnStorage
        switch column.storage {
        case .bytes:
            storage = .bytes(ByteArrays(shuffled.map { if case .string(let text) = $0 { text } else { "" } }))
        default:
            storage = .int64(
                shuffled.map {
                    switch $0 {
                    case .timestamp(let raw, _, _): raw
                    case .int(let raw): raw
                    default: 0
                    }
                })
        }
        var coded = column
        coded.dictionary = DictionaryCodes(
            codes: (0..<column.count).map { column.isNull($0) ? 0 : place[column.value(at: $0)]! }, values: storage)
        return coded
    }

    @Test func resamplingThroughCodesEqualsResamplingTheValues() async throws {
        let aggregations = [
            Aggregation("x", .mean), Aggregation("x", .min), Aggregation("x", .max), Aggregation("k", .sum),
            Aggregation("x", .count), Aggregation("x", .first),
        ]
        let bucketing = TimeBucketing(width: BucketWidth("10m")!)
        await propertyCheck(
            count: 60, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...400), Gen.int(in: 1...90),
            Gen.int(in: 0...5)
        ) { seed, rows, batchRows, extra in
            let batches = RandomTable.batches(seed: UInt64(seed), rows: rows, batchRows: batchRows, span: 7_200)
            var random = SeededRandom(seed: UInt64(seed) &+ 1)
            let coded = batches.map { batch in
                var columns = batch.columns
                for index in [0, 3] where random.below(4) != 0 {
                    columns[index] = Self.withCodes(columns[index], random: &random, extra: extra)
                }
                return RecordBatch(schema: batch.schema, columns: columns)
            }
            do {
                var plain = try TimeBucketAggregate(
                    MemoryStream(batches, schema: RandomTable.schema), time: "time", bucketing: bucketing,
                    groupBy: ["station"], aggregations: aggregations, budget: .unbounded(), spill: nil)
                var throughCodes = try TimeBucketAggregate(
                    MemoryStream(coded, schema: RandomTable.schema), time: "time", bucketing: bucketing,
                    groupBy: ["station"], aggregations: aggregations, budget: .unbounded(), spill: nil)
                let expected = RandomTable.rows(try plain.collect())
                let actual = RandomTable.rows(try throughCodes.collect())
                #expect(HashAggregateTests.matches(actual, expected), "seed \(seed), \(rows) rows")
            } catch {
                Issue.record("aggregation failed: \(error)")
            }
        }
    }
}
