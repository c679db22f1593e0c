import Foundation
import Testing
import WeirColumns
import WeirCompute
import WeirParquet
import WeirTestSupport

/// Time-bucket aggregations checked against DuckDB's on the same random rows: nulls, NaN, signed
/// zeros, unsorted times, a DST change in a time zone, and a budget small enough to spill.
@Suite struct TimeBucketDuckDBTests {
    struct Case: CustomStringConvertible, Sendable {
        var every: String
        var zone: String?
        var closed = TimeBucketing.Closed.left
        var label = TimeBucketing.Label.left
        var empty = EmptyBuckets.skip
        /// The first instant of the data, in seconds.
        var start: Int64 = 1_743_465_600
        var span = 200_000
        var description: String {
            "every \(every) \(zone ?? "UTC") closed \(closed) label \(label) empty \(empty)"
        }
    }

    static let aggregations: [Aggregation] =
        [.count, .sum, .mean, .min, .max, .first, .last, .std].map { Aggregation("x", $0) }
        + [.sum, .min, .max, .count].map { Aggregation("k", $0) }

    static let cases: [Case] = [
        Case(every: "10m"),
        Case(every: "1h", closed: .right, label: .right),
        Case(every: "7m", closed: .right),
        // Before the epoch: bucket keys round down, not toward zero.
        Case(every: "7m", closed: .right, start: -100_000, span: 150_000),
        Case(every: "1w", span: 3_000_000),
        Case(every: "15m", empty: .keep, span: 40_000),
        Case(every: "1d", empty: .keep, span: 900_000),
        // Santiago leaves DST at 2025-04-06 00:00 (-03 → -04): a 25-hour day and a repeated hour.
        Case(every: "1d", zone: "America/Santiago", start: 1_743_811_200, span: 300_000),
        Case(every: "1h", zone: "America/Santiago", start: 1_743_890_000, span: 20_000),
        // Santiago enters DST at 2025-09-07 00:00, a local midnight that does not exist.
        Case(every: "1d", zone: "America/Santiago", start: 1_757_030_400, span: 300_000),
        // Berlin enters DST at 2025-03-30 02:00: a 23-hour day.
        Case(every: "1d", zone: "Europe/Berlin", start: 1_743_120_000, span: 300_000),
        Case(every: "30m", zone: "Asia/Kolkata", span: 30_000),
    ]

    @Test(arguments: cases)
    func resultsEqualDuckDB(_ test: Case) throws {
        let folder = try TemporaryDirectory()
        let batches = RandomTable.batches(
            seed: 42, rows: 3_000, batchRows: 250, span: test.span, start: test.start, infinities: false)
        let path = folder.file("input.parquet").path
        let writer = try ParquetWriter(path: path, schema: RandomTable.schema)
        for batch in batches { try writer.write(batch) }
        try writer.close()

        let budget = MemoryBudget(limit: 4_096)
        let spill = try SpillFolder(in: folder.path, budget: budget)
        let bucketing = TimeBucketing(
            width: try #require(BucketWidth(test.every)), closed: test.closed, label: test.label,
            timeZone: test.zone.map { TimeZone(identifier: $0)! })
        var aggregate = try TimeBucketAggregate(
            ParquetScan(paths: [path]), time: "time", bucketing: bucketing, groupBy: ["station"],
            aggregations: Self.aggregations, empty: test.empty, budget: budget, spill: spill, batchRows: 100)
        let actual = RandomTable.rows(try aggregate.collect())
        #expect(budget.spillFiles > 0, "the budget is small enough to spill")

        let width = BucketWidth(test.every)!.seconds
        let result = try TestEnvironment.python(
            DuckDBBucketScript.source,
            [path, String(width), test.zone ?? "", test.closed.rawValue, test.label.rawValue, test.empty.rawValue])
        try #require(result.status == 0, "DuckDB failed: \(result.stderr)")
        let expected = try result.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
        }
        #expect(expected.count > 10, "DuckDB gives buckets")
        #expect(actual.count == expected.count, "\(test): \(actual.count) rows, DuckDB \(expected.count)")
        for (row, (mine, theirs)) in zip(actual, expected).enumerated() {
            let agree = mine.count == theirs.count && zip(mine, theirs).allSatisfy(Self.same)
            #expect(agree, "\(test) row \(row): \(mine) ≠ \(theirs)")
            if !agree { break }
        }
    }

    /// Whether a value equals DuckDB's JSON rendering of it.
    static func same(_ value: Value, _ json: Any) -> Bool {
        switch value {
        case .null: return json is NSNull
        case .string(let text): return json as? String == text
        case .int(let number): return (json as? NSNumber)?.int64Value == number
        case .timestamp(let raw, _, _): return (json as? NSNumber)?.int64Value == raw
        case .double(let number):
            if number.isNaN { return json as? String == "NaN" }
            guard let other = (json as? NSNumber)?.doubleValue else { return false }
            return Value.double(number).closeTo(.double(other))
        default: return false
        }
    }
}
