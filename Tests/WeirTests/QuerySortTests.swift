import Foundation
import PropertyBased
import Testing
import WeirColumns
import WeirParquet
import WeirTestSupport

@testable import Weir

/// Random Parquet files for the sort of `order by`: text with ties, empty and non-ASCII values;
/// small integers (many ties); doubles with NaN, signed zeros and infinities; wide decimals held
/// as bytes; nulls in every column; `n` numbers the rows in the order they are read.
enum SortTable {
    static let schema = Schema([
        Field("s", .string), Field("k", .int64), Field("x", .float64), Field("d", .decimal(precision: 30, scale: 2)),
        Field("n", .int64),
    ])

    /// Writes `files` files of `rows` rows each (row groups of `rowGroupRows`) into `folder`.
    static func write(seed: UInt64, files: Int, rows: Int, rowGroupRows: Int, to folder: String) throws {
        var random = SeededRandom(seed: seed)
        let texts = ["", "a", "ab", "b", "B", "é", "a b", "zz", "\u{0}", "a\u{0}b"]
        let specials: [Double] = [.nan, -0.0, 0.0, .infinity, -.infinity]
        var number: Int64 = 0
        for file in 0..<files {
            var s = ByteArrays()
            var k: [Int64] = []
            var x: [Double] = []
            var d: [UInt8] = []
            var n: [Int64] = []
            var valid: [[Bool]] = [[], [], [], []]
            for _ in 0..<rows {
                s.append(texts[random.below(texts.count)])
                k.append(Int64(random.below(7)) - 3)
                x.append(
                    random.below(6) == 0 ? specials[random.below(specials.count)] : Double(random.below(40)) / 4 - 5)
                // A signed 16-byte big-endian integer, large or small.
                let unscaled = Int64(random.below(2_000)) - 1_000
                let wide = Int128(unscaled) * (random.below(3) == 0 ? Int128(1) << 100 : 1)
                for shift in stride(from: 120, through: 0, by: -8) {
                    d.append(UInt8(truncatingIfNeeded: wide >> shift))
                }
                n.append(number)
                number += 1
                for index in valid.indices { valid[index].append(random.below(9) != 0) }
            }
            let columns = [
                Column(field: schema.fields[0], storage: .bytes(s), validity: valid[0]),
                Column(field: schema.fields[1], storage: .int64(k), validity: valid[1]),
                Column(field: schema.fields[2], storage: .double(x), validity: valid[2]),
                Column(field: schema.fields[3], storage: .fixedBytes(width: 16, data: d), validity: valid[3]),
                Column(field: schema.fields[4], storage: .int64(n)),
            ]
            var options = ParquetWriterOptions()
            options.rowGroupRows = rowGroupRows
            let writer = try ParquetWriter(path: "\(folder)/part-\(file).parquet", schema: schema, options: options)
            try writer.write(RecordBatch(schema: schema, columns: columns))
            _ = try writer.close()
        }
    }
}

@Suite struct QuerySortTests {
    static let orders: [[Query.SortKey]] = [
        [.parse("s"), .parse("k desc")], [.parse("x")], [.parse("x desc"), .parse("s desc")], [.parse("d")],
        [.parse("k"), .parse("d desc"), .parse("x")],
    ]

    /// Equality of rows where NaN equals NaN.
    static func same(_ a: [[Value]], _ b: [[Value]]) -> Bool {
        a.count == b.count
            && zip(a, b).allSatisfy { x, y in
                zip(x, y).allSatisfy { u, v in
                    if case .double(let p) = u, case .double(let q) = v, p.isNaN, q.isNaN { return true }
                    return u == v
                }
            }
    }

    @Test func theExternalSortOfAQueryEqualsTheInMemorySort() async throws {
        let spillParent = try TemporaryDirectory("weir-query-spill")
        await propertyCheck(
            count: 40, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...600), Gen.int(in: 0..<Self.orders.count),
            Gen.int(in: 0...3), Gen.int(in: 0...2)
        ) { seed, rows, order, limitChoice, shape in
            do {
                let folder = try TemporaryDirectory("weir-query-sort")
                try SortTable.write(seed: UInt64(seed), files: 3, rows: rows, rowGroupRows: 37, to: folder.path)
                let source = QuerySource.folder(folder.path)
                // The rows in the order they are read: the in-memory sort's input.
                let whole = try Query().run(on: source).batch
                let limit = [nil, 0, 5, rows / 2][limitChoice]
                let query = Query(
                    orderBy: Self.orders[order], seqBy: shape == 1 ? ["k"] : nil,
                    select: shape == 2 ? ["d", "n", "s"] : nil, limit: limit)
                // A budget far below the data: the sort spills runs and merges them.
                let sorted = try query.run(on: source, memory: 2_048, spillParent: spillParent.path)
                let reference = try query.run(on: whole)
                #expect(sorted.batch.schema == reference.schema)
                #expect(Self.same(sorted.batch.rowValues, reference.rowValues), "seed \(seed), order \(order)")
                #expect(sorted.explain.rowsRead == 3 * rows)
                if rows > 300 && limit == nil {
                    #expect((sorted.explain.sort?.spillFiles ?? 0) > 0, "a tiny budget must spill")
                }
            } catch {
                Issue.record("query failed: \(error)")
            }
        }
        // Every spill folder is removed when its sort is done.
        #expect(try FileManager.default.contentsOfDirectory(atPath: spillParent.path).isEmpty)
    }

    @Test func aTopNKeepsOnlyTheFirstRowsWithoutSpilling() throws {
        let folder = try TemporaryDirectory("weir-query-sort")
        try SortTable.write(seed: 11, files: 4, rows: 5_000, rowGroupRows: 1_000, to: folder.path)
        let source = QuerySource.folder(folder.path)
        let whole = try Query().run(on: source).batch
        let query = Query(orderBy: [.parse("x desc"), .parse("n")], limit: 10)
        let top = try query.run(on: source, memory: 256 << 10)
        #expect(Self.same(top.batch.rowValues, try query.run(on: whole).rowValues))
        #expect(top.batch.rowCount == 10)
        let sort = try #require(top.explain.sort)
        #expect(sort.topN == 10 && sort.spillFiles == 0)
        // Far less than the 20,000 rows read is ever held.
        #expect(sort.peak < 256 << 10)
        #expect(top.explain.lines.contains { $0.hasPrefix("sort: top 10, peak ") && $0.hasSuffix("nothing spilled") })
    }
}
