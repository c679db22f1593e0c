import Testing
import WeirColumns

@testable import Weir

@Suite struct QueryExpressionTests {
    @Test func parsesPrecedenceAndForms() throws {
        let expression = try QueryExpression.parse("chip_number = 67 and proc in ('IV', 'IVg') or not has_light")
        #expect(
            expression
                == .or([
                    .and([.compare(column: "chip_number", .equal, .int(67)), .inList(column: "proc", [.string("IV"), .string("IVg")], negated: false)]),
                    .not(.column("has_light")),
                ])
        )
        #expect(try QueryExpression.parse("x between 1 and 2.5") == .between(column: "x", .int(1), .double(2.5)))
        #expect(try QueryExpression.parse("reason is not null") == .isNull(column: "reason", negated: true))
        #expect(try QueryExpression.parse("p not like 'a%'") == .like(column: "p", pattern: "a%", negated: true))
        #expect(try QueryExpression.parse("\"odd name\" <> 'it''s'") == .compare(column: "odd name", .notEqual, .string("it's")))
        #expect(try QueryExpression.parse("v >= -1e-6").columns == ["v"])
    }

    @Test(arguments: [
        ("chip = ", "The expression 'chip = ' is invalid at character 8: expected a value, found the end of the expression."),
        ("proc = IV", "The expression 'proc = IV' is invalid at character 8: expected a value, found 'IV'; quote text values, as in 'IV'."),
        ("a = 'x", "The expression 'a = 'x' is invalid at character 5: the quote opened here is never closed."),
        ("(a = 1", "The expression '(a = 1' is invalid at character 7: expected ')', found the end of the expression."),
        ("a = null", "The expression 'a = null' is invalid at character 9: compare with null using 'is null' or 'is not null'."),
        ("a = 1 b", "The expression 'a = 1 b' is invalid at character 7: expected 'and', 'or' or the end, found 'b'."),
        ("a ; 1", "The expression 'a ; 1' is invalid at character 3: the character ';' is not part of the expression language."),
    ])
    func explainsSyntaxErrors(text: String, message: String) {
        #expect {
            _ = try QueryExpression.parse(text)
        } throws: { error in
            (error as? QueryExpressionError)?.description == message
        }
    }
}

@Suite struct QueryRunTests {
    /// A manifest-like table of runs of several chips.
    let table: RecordBatch = {
        let day = { (d: Int) in Int32(CivilDate(year: 2025, month: 10, day: d).daysSinceEpoch) }
        return RecordBatch(columns: [
            Column(field: Field("chip_number", .int64), storage: .int64([67, 3, 67, 67, 3]), validity: nil),
            Column(field: Field("proc", .string), storage: .bytes(ByteArrays(["IV", "ITS", "IVg", "ITS", "IV"]))),
            Column(field: Field("date", .date), storage: .int32([day(18), day(17), day(16), day(19), day(20)])),
            Column(
                field: Field("start", .timestamp(unit: .microseconds, utc: true)),
                storage: .int64([4_000_000, 2_000_000, 1_000_000, 5_000_000, 3_000_000])),
            Column(field: Field("has_light", .boolean), storage: .boolean([true, false, true, false, false]), validity: [true, true, true, false, true]),
            Column(field: Field("reason", .string), storage: .bytes(ByteArrays(["", "bad", "", "", ""])), validity: [false, true, false, false, false]),
        ])
    }()

    @Test func chipHistoryIsOneQuery() throws {
        let query = Query(
            filter: try QueryExpression.parse("chip_number = 67"), orderBy: [.init("start")], seqBy: ["chip_number"],
            select: ["seq", "proc", "date"]
        )
        let history = try query.run(on: table)
        #expect(history.schema.fields.map(\.name) == ["seq", "proc", "date"])
        #expect((0..<history.rowCount).map { history.columns[0].value(at: $0) } == [.int(1), .int(2), .int(3)])
        #expect((0..<history.rowCount).map { history.columns[1].value(at: $0).text } == ["IVg", "IV", "ITS"])
    }

    @Test func nullsAreUnknownNotFalse() throws {
        let notLit = try Query(filter: try QueryExpression.parse("not has_light")).run(on: table)
        #expect(notLit.rowCount == 2)
        let withReason = try Query(filter: try QueryExpression.parse("reason is not null")).run(on: table)
        #expect(withReason.rowCount == 1)
    }

    @Test func coercesDateAndTimestampLiterals() throws {
        let days = try Query(filter: try QueryExpression.parse("date between '2025-10-17' and '2025-10-18'")).run(on: table)
        #expect(days.rowCount == 2)
        let late = try Query(filter: try QueryExpression.parse("start > '1970-01-01T00:00:03Z'")).run(on: table)
        #expect(late.rowCount == 2)
    }

    @Test func sortsDescendingWithNullsLastAndLimits() throws {
        let sorted = try Query(orderBy: [.parse("has_light desc"), .parse("start")], limit: 4).run(on: table)
        let starts = (0..<sorted.rowCount).map { sorted.column(named: "start")!.value(at: $0) }
        #expect(starts == [1_000_000, 4_000_000, 2_000_000, 3_000_000].map { .timestamp($0, .microseconds, utc: true) })
    }

    @Test func explainsUnknownColumnsAndBadValues() throws {
        #expect {
            _ = try Query(filter: try QueryExpression.parse("chip_numbr = 1")).run(on: table)
        } throws: { error in
            (error as? QueryError)?.description
                == "The column 'chip_numbr' does not exist. Did you mean 'chip_number'? Available columns: chip_number, proc, date, start, has_light, reason."
        }
        #expect {
            _ = try Query(filter: try QueryExpression.parse("date = '18/10/2025'")).run(on: table)
        } throws: { error in
            (error as? QueryError)?.description
                == "The value '18/10/2025' cannot be compared with the column 'date', which is date. Write dates as 'YYYY-MM-DD'."
        }
    }

    @Test func concatenatesByNameFillingNulls() throws {
        let a = RecordBatch(columns: [Column(field: Field("x", .int64), storage: .int64([1, 2]))])
        let b = RecordBatch(columns: [
            Column(field: Field("y", .string), storage: .bytes(ByteArrays(["q"]))),
            Column(field: Field("x", .int64), storage: .int64([3])),
        ])
        let both = try RecordBatch.concatenate([a, b])
        #expect(both.schema.fields.map(\.name) == ["x", "y"])
        #expect((0..<3).map { both.columns[0].value(at: $0) } == [.int(1), .int(2), .int(3)])
        #expect((0..<3).map { both.columns[1].value(at: $0) } == [.null, .null, .string("q")])
        let clash = RecordBatch(columns: [Column(field: Field("x", .string), storage: .bytes(ByteArrays(["z"])))])
        #expect(throws: BatchConcatenationError.self) { try RecordBatch.concatenate([a, clash]) }
    }
}
