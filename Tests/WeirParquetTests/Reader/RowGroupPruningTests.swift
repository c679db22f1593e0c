import Foundation
import Testing
import WeirColumns
import WeirParquet
import WeirTestSupport

@Suite struct RowGroupPruningTests {
    /// Ten row groups of 100 rows: `n` counts 0…999, `s` is `k<group>`, `half` is null in odd groups,
    /// `x` is n / 4 as a double, `d` a decimal, `t` a UTC timestamp in seconds.
    private static func reader(in directory: TemporaryDirectory) throws -> ParquetFileReader {
        let files = try InteropFiles.generate(
            #"""
            import decimal
            n = list(range(1000))
            table = pa.table({
                'n': pa.array(n, pa.int64()),
                's': pa.array(['k%d' % (i // 100) for i in n]),
                'half': pa.array([None if (i // 100) % 2 else i for i in n], pa.int32()),
                'x': pa.array([i / 4 for i in n]),
                'd': pa.array([decimal.Decimal(i).scaleb(-2) for i in n], pa.decimal128(9, 2)),
                't': pa.array([i * 1000 for i in n], pa.timestamp('ms', tz='UTC')),
                'u': pa.array([2**63 + i for i in n], pa.uint64()),
            })
            emit('sorted', lambda p: pq.write_table(table, p, row_group_size=100))
            """#, in: directory)
        return try ParquetFileReader(path: try #require(files.first).path)
    }

    @Test func comparisonsSkipRowGroupsOutsideTheBounds() throws {
        let directory = try TemporaryDirectory("weir-pruning")
        let reader = try Self.reader(in: directory)
        #expect(reader.rowGroupCount == 10)
        let cases: [(ParquetPredicate, [Int])] = [
            (.compare(column: "n", op: .greater, value: .int(850)), [8, 9]),
            (.compare(column: "n", op: .greaterOrEqual, value: .int(899)), [8, 9]),
            (.compare(column: "n", op: .greater, value: .int(899)), [9]),
            (.compare(column: "n", op: .equal, value: .int(5)), [0]),
            (.compare(column: "n", op: .less, value: .double(100.5)), [0, 1]),
            (.compare(column: "n", op: .less, value: .double(100)), [0]),
            (.compare(column: "n", op: .lessOrEqual, value: .uint(100)), [0, 1]),
            (.compare(column: "n", op: .notEqual, value: .int(5)), Array(0..<10)),
            (.compare(column: "s", op: .equal, value: .string("k3")), [3]),
            (.compare(column: "s", op: .greaterOrEqual, value: .string("k8")), [8, 9]),
            (.compare(column: "x", op: .greater, value: .double(224.7)), [8, 9]),
            (.compare(column: "d", op: .lessOrEqual, value: .decimal(150, scale: 2)), [0, 1]),
            (.compare(column: "d", op: .equal, value: .int(3)), [3]),
            (.compare(column: "t", op: .less, value: .timestamp(100_000_000, .microseconds, utc: true)), [0]),
            (.compare(column: "u", op: .greater, value: .uint(UInt64(1) << 63 + 950)), [9]),
            (.compare(column: "n", op: .equal, value: .null), []),
            (.compare(column: "missing", op: .equal, value: .int(1)), Array(0..<10)),
            (.compare(column: "n", op: .equal, value: .string("1")), Array(0..<10)),
            (.isNull("half"), [1, 3, 5, 7, 9]),
            (.isNotNull("half"), [0, 2, 4, 6, 8]),
            (.isNull("n"), []),
            (.compare(column: "half", op: .greater, value: .int(-1)), [0, 2, 4, 6, 8]),
            (.and([.compare(column: "n", op: .greater, value: .int(150)), .isNull("half")]), [1, 3, 5, 7, 9]),
            (
                .and([
                    .compare(column: "n", op: .less, value: .int(250)),
                    .compare(column: "s", op: .equal, value: .string("k1")),
                ]), [1]
            ),
            (
                .or([
                    .compare(column: "n", op: .less, value: .int(50)),
                    .compare(column: "n", op: .greater, value: .int(950)),
                ]), [0, 9]
            ),
            (.or([]), []),
            (.and([]), Array(0..<10)),
        ]
        for (predicate, expected) in cases {
            #expect(reader.rowGroups(matching: predicate) == expected, "\(predicate)")
        }
    }

    @Test func batchesReadOnlyTheRowGroupsThatMayMatch() throws {
        let directory = try TemporaryDirectory("weir-pruning")
        let reader = try Self.reader(in: directory)
        let sequence = reader.batches(
            columns: ["n"], where: .compare(column: "n", op: .greaterOrEqual, value: .int(700)))
        #expect(sequence.rowGroupIndices == [7, 8, 9])
        var values: [Int64] = []
        for batch in sequence {
            guard case .int64(let chunk) = try batch.get().columns[0].storage else {
                Issue.record("n is not int64")
                return
            }
            values += chunk
        }
        #expect(values == Array(700..<1000))
    }
}
