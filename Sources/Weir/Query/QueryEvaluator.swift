import WeirColumns

/// Evaluates a ``QueryExpression`` on a batch with SQL's three-valued logic: a comparison with a
/// null is unknown, and only rows where the whole expression is true are selected.
public enum QueryEvaluator {
    enum Truth: UInt8 {
        case no = 0, yes = 1, unknown = 2
    }

    /// One flag per row: `true` where the expression holds.
    ///
    /// - Throws: ``QueryError`` for an unknown column or a value that cannot be compared with it.
    public static func mask(_ expression: QueryExpression, on batch: RecordBatch) throws(QueryError) -> [Bool] {
        try evaluate(expression, batch).map { $0 == .yes }
    }

    static func column(_ name: String, in batch: RecordBatch) throws(QueryError) -> Column {
        guard let column = batch.column(named: name) else {
            throw QueryError.unknownColumn(name, available: batch.schema.fields.map(\.name))
        }
        return column
    }

    static func evaluate(_ expression: QueryExpression, _ batch: RecordBatch) throws(QueryError) -> [Truth] {
        let rows = batch.rowCount
        switch expression {
        case .compare(let name, let comparison, let literal):
            let column = try column(name, in: batch)
            let value = try coerce(literal, to: column.field)
            return (0..<rows).map { row in
                guard let order = ValueOrdering.compare(column.value(at: row), value) else { return .unknown }
                let holds: Bool
                switch comparison {
                case .equal: holds = order == 0
                case .notEqual: holds = order != 0
                case .less: holds = order < 0
                case .lessOrEqual: holds = order <= 0
                case .greater: holds = order > 0
                case .greaterOrEqual: holds = order >= 0
                }
                return holds ? .yes : .no
            }
        case .inList(let name, let literals, let negated):
            let column = try column(name, in: batch)
            var values: [Value] = []
            for literal in literals { values.append(try coerce(literal, to: column.field)) }
            return (0..<rows).map { row in
                let cell = column.value(at: row)
                if cell.isNull { return .unknown }
                let found = values.contains { ValueOrdering.compare(cell, $0) == 0 }
                return found != negated ? .yes : .no
            }
        case .between(let name, let low, let high):
            let column = try column(name, in: batch)
            let lower = try coerce(low, to: column.field)
            let upper = try coerce(high, to: column.field)
            return (0..<rows).map { row in
                let cell = column.value(at: row)
                guard let a = ValueOrdering.compare(cell, lower), let b = ValueOrdering.compare(cell, upper) else { return .unknown }
                return a >= 0 && b <= 0 ? .yes : .no
            }
        case .isNull(let name, let negated):
            let column = try column(name, in: batch)
            return (0..<rows).map { column.isNull($0) != negated ? .yes : .no }
        case .like(let name, let pattern, let negated):
            let column = try column(name, in: batch)
            let matcher = LikePattern(pattern)
            return (0..<rows).map { row in
                guard let text = column.value(at: row).text else { return .unknown }
                return matcher.matches(text) != negated ? .yes : .no
            }
        case .column(let name):
            let column = try column(name, in: batch)
            guard column.field.type == .boolean else { throw QueryError.notBoolean(name, column.field.type) }
            return (0..<rows).map { row in
                switch column.value(at: row) {
                case .bool(let value): value ? .yes : .no
                default: .unknown
                }
            }
        case .and(let parts):
            var result = [Truth](repeating: .yes, count: rows)
            for part in parts {
                let next = try evaluate(part, batch)
                for row in 0..<rows where result[row] != .no {
                    if next[row] == .no { result[row] = .no } else if next[row] == .unknown { result[row] = .unknown }
                }
            }
            return result
        case .or(let parts):
            var result = [Truth](repeating: .no, count: rows)
            for part in parts {
                let next = try evaluate(part, batch)
                for row in 0..<rows where result[row] != .yes {
                    if next[row] == .yes { result[row] = .yes } else if next[row] == .unknown { result[row] = .unknown }
                }
            }
            return result
        case .not(let inner):
            return try evaluate(inner, batch).map { $0 == .unknown ? .unknown : ($0 == .yes ? .no : .yes) }
        }
    }

    /// The literal as a value comparable with the column's cells.
    static func coerce(_ literal: QueryExpression.Literal, to field: Field) throws(QueryError) -> Value {
        if field.type.isNested { throw QueryError.nestedColumn(field) }
        switch (literal, field.type) {
        case (.null, _): return .null
        case (.bool(let value), .boolean): return .bool(value)
        case (.int(let value), .int), (.int(let value), .float32), (.int(let value), .float64), (.int(let value), .decimal):
            return .int(value)
        case (.double(let value), .int), (.double(let value), .float32), (.double(let value), .float64), (.double(let value), .decimal):
            return .double(value)
        case (.string(let text), .string), (.string(let text), .binary):
            return .string(text)
        case (.string(let text), .date):
            guard let days = FieldValue.parseDate(Array(text.utf8)[...]) else { throw QueryError.badLiteral(text, field) }
            return .date(days)
        case (.string(let text), .timestamp(let unit, let utc)):
            guard let value = TimestampLiteral.parse(text, unit: unit) else { throw QueryError.badLiteral(text, field) }
            return .timestamp(value, unit, utc: utc)
        case (.string(let text), .boolean):
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: throw QueryError.badLiteral(text, field)
            }
        case (.string(let text), .int), (.string(let text), .float64), (.string(let text), .float32):
            guard let number = Double(text) else { throw QueryError.badLiteral(text, field) }
            return .double(number)
        default:
            throw QueryError.badLiteral(literalText(literal), field)
        }
    }

    static func literalText(_ literal: QueryExpression.Literal) -> String {
        switch literal {
        case .null: "null"
        case .bool(let value): String(value)
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .string(let value): value
        }
    }
}

/// SQL `LIKE`: `%` any run of characters, `_` one character.
struct LikePattern {
    let pattern: [Character]

    init(_ text: String) { pattern = Array(text) }

    func matches(_ text: String) -> Bool {
        let characters = Array(text)
        var memo = [Int: Bool]()
        func match(_ p: Int, _ t: Int) -> Bool {
            let key = p * (characters.count + 1) + t
            if let known = memo[key] { return known }
            let result: Bool
            if p == pattern.count {
                result = t == characters.count
            } else if pattern[p] == "%" {
                result = match(p + 1, t) || (t < characters.count && match(p, t + 1))
            } else if t < characters.count && (pattern[p] == "_" || pattern[p] == characters[t]) {
                result = match(p + 1, t + 1)
            } else {
                result = false
            }
            memo[key] = result
            return result
        }
        return match(0, 0)
    }
}

/// ISO 8601 timestamps in query literals: `2025-10-18`, `2025-10-18 09:30`, `2025-10-18T09:30:05.123Z`.
enum TimestampLiteral {
    static func parse(_ text: String, unit: TimeUnit) -> Int64? {
        var body = Array(text.utf8)
        var offsetSeconds: Int64 = 0
        if body.last == UInt8(ascii: "Z") {
            body.removeLast()
        } else if body.count > 16, let signIndex = body.indices.last(where: { body[$0] == UInt8(ascii: "+") || body[$0] == UInt8(ascii: "-") }),
            signIndex > 10
        {
            let zone = Array(body[(signIndex + 1)...]).filter { $0 != UInt8(ascii: ":") }
            guard zone.count == 4, let hhmm = Int64(String(decoding: zone, as: UTF8.self)) else { return nil }
            offsetSeconds = (hhmm / 100 * 3600 + hhmm % 100 * 60) * (body[signIndex] == UInt8(ascii: "-") ? -1 : 1)
            body.removeSubrange(signIndex...)
        }
        guard body.count >= 10, let days = FieldValue.parseDate(body[0..<10]) else { return nil }
        var micro: Int64 = 0
        if body.count > 10 {
            guard body[10] == UInt8(ascii: "T") || body[10] == UInt8(ascii: " ") else { return nil }
            var time = Array(body[11...])
            if time.count == 5 { time += Array(":00".utf8) }
            guard let value = HeaderMetadata.timeOfDay(time[...]) else { return nil }
            micro = value
        }
        let total = (Int64(days) * 86_400 - offsetSeconds) * 1_000_000 + micro
        switch unit {
        case .milliseconds: return total / 1_000
        case .microseconds: return total
        case .nanoseconds: return total.multipliedReportingOverflow(by: 1_000).overflow ? nil : total * 1_000
        }
    }
}
