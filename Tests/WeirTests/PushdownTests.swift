import Foundation
import Testing
import WeirColumns
import WeirParquet
import WeirTestSupport

@testable import Weir

@Suite struct PushdownTests {
    /// 30 files of about 40 rows in row groups of 10.
    let fixture: QuerySourceFixture

    init() throws {
        fixture = try QuerySourceFixture(files: 30, rows: 40, badFraction: 0.1, rowGroupRows: 10)
    }

    func dataset() throws -> Dataset { try fixture.dataset }

    static let conditions = [
        "proc = 'IV'",
        "proc in ('IV', 'ITS') and vsd_v < 0",
        "date between '2025-09-03' and '2025-09-08'",
        "date > '2025-09-06' and t_s < 1.5",
        "vsd_v >= -1 and vsd_v <= 1",
        "vsd_v < -4",
        "vg_v between -2 and 2.5",
        "i_a > 0",
        "i_a < 0 and proc != 'IVg'",
        "t_s is null and vg_v is not null",
        "not proc = 'IV'",
        "proc = 'IV' or vsd_v > 4",
        "run_id like '%a%' and vl_v <= 2",
        "t_s = 2",
        "t_s in (1, 2.5, 3)",
        "proc = 'XX'",
    ]

    @Test(arguments: conditions)
    func pushdownNeverChangesTheResult(condition: String) throws {
        let filter = try QueryExpression.parse(condition)
        let total = try fixture.stagedRows().reduce(0) { $0 + Int($1.rows) }
        let queries = [nil, ["run_id", "i_a", "seq"]].flatMap { select in
            [
                // Sorted as a whole, and streamed part by part in manifest order.
                Query(filter: filter, orderBy: [.init("run_id"), .init("i_a")], seqBy: ["proc"], select: select),
                Query(filter: filter, seqBy: ["proc"], select: select),
                Query(filter: filter, seqBy: ["proc"], select: select, limit: 25),
            ]
        }
        for query in queries {
            let pushed = try query.run(on: .data(try dataset()))
            let reference = try query.run(on: .data(try dataset()), pushdown: false)
            #expect(pushed.batch.schema == reference.batch.schema, "\(condition)")
            #expect(pushed.batch.rowValues == reference.batch.rowValues, "\(condition)")
            #expect(reference.explain.partsPruned == 0 && reference.explain.rowGroupsPruned == 0)
            #expect(reference.explain.rowsRead == total)
            #expect(pushed.explain.rowsRead <= total)
        }
    }

    @Test func withoutOrderTheResultStreamsInBatches() throws {
        let query = Query(
            filter: try QueryExpression.parse("i_a < 0"), seqBy: ["proc"], select: ["seq", "proc", "i_a"])
        var schema: Schema?
        var batches: [RecordBatch] = []
        let explain = try query.run(on: .data(try dataset()), begin: { schema = $0 }, emit: { batches.append($0) })
        let whole = try query.run(on: .data(try dataset()))
        #expect(batches.count > 1)
        #expect(batches.allSatisfy { $0.schema == schema })
        #expect(schema == whole.batch.schema)
        #expect(try RecordBatch.concatenate(batches).rowValues == whole.batch.rowValues)
        #expect(explain.rowsReturned == whole.batch.rowCount)
        // seq counts on across batches.
        let seq = try #require(whole.batch.column(named: "seq"))
        let proc = try #require(whole.batch.column(named: "proc"))
        var counts: [Value: Int64] = [:]
        for row in 0..<whole.batch.rowCount {
            counts[proc.value(at: row), default: 0] += 1
            #expect(seq.value(at: row) == .int(counts[proc.value(at: row)]!))
        }
    }

    @Test func partitionConditionsSkipPartsWithoutOpeningThem() throws {
        let staged = try fixture.stagedRows()
        let query = Query(filter: try QueryExpression.parse("proc = 'IV' and i_a < 1"), select: ["i_a"])
        let result = try query.run(on: .data(try dataset()))
        let notIV = staged.filter { $0.fields["proc"] != .string("IV") }
        #expect(result.explain.parts == staged.count)
        #expect(result.explain.partsPruned == notIV.count)
        #expect(result.explain.prunedFootersRead == 0)
        #expect(result.explain.partitionFilter == ["proc = 'IV'"])
        #expect(result.explain.columnsRead == ["i_a"])
        let ivRows = staged.filter { $0.fields["proc"] == .string("IV") }.reduce(0) { $0 + Int($1.rows) }
        #expect(result.explain.rowsRead == ivRows)
        #expect(result.batch.rowCount == ivRows)
    }

    @Test func statisticsSkipRowGroups() throws {
        // IV sweeps vsd_v from -5 to 5 in row order, so only the first row group can hold vsd_v < -4.
        let result = try Query(filter: try QueryExpression.parse("vsd_v < -4")).run(on: .data(try dataset()))
        #expect(result.explain.rowGroupsPruned > 0)
        #expect(result.explain.statisticsFilter == ["vsd_v < -4"])
        #expect(result.explain.rowsMatched > 0)
        let column = try #require(result.batch.column(named: "vsd_v"))
        for row in 0..<result.batch.rowCount {
            guard case .double(let value) = column.value(at: row) else { Issue.record("vsd_v is a double"); continue }
            #expect(value < -4)
        }
    }

    @Test func columnsOnlyInSkippedPartsKeepTheirPlace() throws {
        // Without a selection the columns are the union over every listed part, so the skipped
        // ITS parts' footers are read for theirs.
        let result = try Query(filter: try QueryExpression.parse("proc = 'IV'")).run(on: .data(try dataset()))
        #expect(result.explain.prunedFootersRead == result.explain.partsPruned)
        #expect(result.batch.column(named: "t_s") != nil)
        let selected = try Query(filter: try QueryExpression.parse("proc = 'IV'"), select: ["vsd_v", "t_s"])
            .run(on: .data(try dataset()))
        #expect(selected.batch.column(named: "t_s")?.nullCount == selected.batch.rowCount)
        #expect(selected.explain.prunedFootersRead >= 1)
    }

    @Test func aLimitWithoutOrderStopsReading() throws {
        let result = try Query(limit: 5).run(on: .data(try dataset()))
        #expect(result.batch.rowCount == 5)
        #expect(result.explain.stoppedEarly)
        #expect(result.explain.rowsRead <= 10)
        let reference = try Query(limit: 5).run(on: .data(try dataset()), pushdown: false)
        #expect(reference.batch.rowValues == result.batch.rowValues)
        #expect(!reference.explain.stoppedEarly)
    }

}

@Suite struct PushdownConversionTests {
    @Test func onlyComparisonsStatisticsDecideExactlyArePushed() throws {
        let schema = Schema([
            Field("x", .float64), Field("n", .int64), Field("m", .int32), Field("s", .string), Field("d", .date),
            Field("u", .uint64),
        ])
        func pushed(_ text: String) throws -> ParquetPredicate? {
            QueryPushdown.predicate(try QueryExpression.parse(text), schema)
        }
        #expect(try pushed("x < 1") == .compare(column: "x", op: .less, value: .double(1)))
        // NaN sorts above every number but is left out of the bounds.
        #expect(try pushed("x > 1") == nil)
        #expect(try pushed("x >= 1") == nil)
        #expect(try pushed("x != 1") == nil)
        // A double against a 64-bit integer compares as doubles in the evaluator, not exactly.
        #expect(try pushed("n = 2.5") == nil)
        #expect(try pushed("m = 2.5") == .compare(column: "m", op: .equal, value: .double(2.5)))
        #expect(
            try pushed("n > 9007199254740993")
                == .compare(column: "n", op: .greater, value: .int(9_007_199_254_740_993)))
        #expect(try pushed("x < 9007199254740993") == nil)
        #expect(try pushed("u = 1") == nil)
        #expect(try pushed("d between '2025-01-01' and '2025-02-01'") != nil)
        // NaN is above every number, so it never lies between two.
        #expect(
            try pushed("x between 1 and 2")
                == .and([
                    .compare(column: "x", op: .greaterOrEqual, value: .double(1)),
                    .compare(column: "x", op: .lessOrEqual, value: .double(2)),
                ]))
        #expect(
            try pushed("s in ('a', 'b')")
                == .or([
                    .compare(column: "s", op: .equal, value: .string("a")),
                    .compare(column: "s", op: .equal, value: .string("b")),
                ]))
        #expect(try pushed("s not in ('a')") == nil)
        #expect(try pushed("s like 'a%'") == nil)
        #expect(try pushed("s = 'a' or x < 2") != nil)
        #expect(try pushed("s = 'a' or x > 2") == nil)
        #expect(try pushed("missing = 1") == nil)
        #expect(try pushed("s = 1") == nil)
        #expect(
            QueryPushdown.conjuncts(try QueryExpression.parse("a = 1 and (b = 2 and c = 3) and (d = 1 or e = 2)")).count
                == 4)
    }

    @Test func nanRowsAreNeverLostToStatistics() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/x.parquet"
        var options = ParquetWriterOptions()
        options.rowGroupRows = 3
        let field = Field("x", .float64)
        let writer = try ParquetWriter(path: path, schema: Schema([field]), options: options)
        try writer.write(RecordBatch(columns: [Column(field: field, storage: .double([1, 2, .nan, 10, 11, 12]))]))
        try writer.close()
        for (condition, expected, pruned) in [
            ("x > 5", ["NaN", "10.0", "11.0", "12.0"], 0), ("x != 1", ["2.0", "NaN", "10.0", "11.0", "12.0"], 0),
            ("x between 0 and 3", ["1.0", "2.0"], 1), ("x < 5", ["1.0", "2.0"], 1), ("x = 11", ["11.0"], 1),
        ] {
            let query = Query(filter: try QueryExpression.parse(condition))
            for pushdown in [true, false] {
                let result = try query.run(on: .file(path), pushdown: pushdown)
                let column = try #require(result.batch.column(named: "x"))
                #expect((0..<result.batch.rowCount).map { column.value(at: $0).text } == expected, "\(condition)")
                #expect(result.explain.rowGroupsPruned == (pushdown ? pruned : 0), "\(condition)")
            }
        }
    }

    @Test func expressionsPrintBackInTheWhereLanguage() throws {
        for text in [
            "a = 1 and (b = 'it''s' or not c)", "\"odd name\" in (1, 2.5, null)",
            "d between '2025-01-01' and '2025-02-01'",
            "e is not null", "f not like 'x_%'",
        ] {
            let expression = try QueryExpression.parse(text)
            #expect(expression.text == text)
            #expect(try QueryExpression.parse(expression.text) == expression)
        }
    }
}
