/// A recursive-descent parser for ``QueryExpression``.
struct QueryExpressionParser {
    enum Token: Equatable {
        case identifier(String)
        case string(String)
        case number(String)
        case symbol(String)
        case end
    }

    let text: String
    private var tokens: [(token: Token, offset: Int)] = []
    private var position = 0

    init(text: String) {
        self.text = text
    }

    mutating func parseAll() throws(QueryExpressionError) -> QueryExpression {
        tokens = try tokenize()
        let expression = try parseOr()
        guard current == .end else { throw error("expected 'and', 'or' or the end, found \(describe(current))") }
        return expression
    }

    private var current: Token { tokens[position].token }

    private func error(_ message: String) -> QueryExpressionError {
        QueryExpressionError(expression: text, offset: tokens.isEmpty ? 0 : tokens[min(position, tokens.count - 1)].offset, message: message)
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .identifier(let name): "'\(name)'"
        case .string(let value): "the string '\(value)'"
        case .number(let value): "the number \(value)"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "the end of the expression"
        }
    }

    private func isKeyword(_ token: Token, _ keyword: String) -> Bool {
        if case .identifier(let name) = token { return name.lowercased() == keyword }
        return false
    }

    private mutating func accept(keyword: String) -> Bool {
        guard isKeyword(current, keyword) else { return false }
        position += 1
        return true
    }

    private mutating func expect(keyword: String) throws(QueryExpressionError) {
        guard accept(keyword: keyword) else { throw error("expected '\(keyword)', found \(describe(current))") }
    }

    private mutating func accept(symbol: String) -> Bool {
        guard current == .symbol(symbol) else { return false }
        position += 1
        return true
    }

    private mutating func parseOr() throws(QueryExpressionError) -> QueryExpression {
        var parts = [try parseAnd()]
        while accept(keyword: "or") { parts.append(try parseAnd()) }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    private mutating func parseAnd() throws(QueryExpressionError) -> QueryExpression {
        var parts = [try parseNot()]
        while accept(keyword: "and") { parts.append(try parseNot()) }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    private mutating func parseNot() throws(QueryExpressionError) -> QueryExpression {
        if accept(keyword: "not") { return .not(try parseNot()) }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(QueryExpressionError) -> QueryExpression {
        if accept(symbol: "(") {
            let inner = try parseOr()
            guard accept(symbol: ")") else { throw error("expected ')', found \(describe(current))") }
            return inner
        }
        guard case .identifier(let column) = current, !["and", "or", "not"].contains(column.lowercased()) else {
            throw error("expected a column name, found \(describe(current))")
        }
        position += 1
        if case .symbol(let symbol) = current, let comparison = QueryExpression.Comparison(rawValue: symbol == "<>" ? "!=" : symbol) {
            position += 1
            let value = try parseLiteral()
            if value == .null {
                throw error("compare with null using 'is null' or 'is not null'")
            }
            return .compare(column: column, comparison, value)
        }
        if accept(keyword: "is") {
            let negated = accept(keyword: "not")
            try expect(keyword: "null")
            return .isNull(column: column, negated: negated)
        }
        let negated = accept(keyword: "not")
        if accept(keyword: "in") {
            guard accept(symbol: "(") else { throw error("expected '(' after 'in', found \(describe(current))") }
            var values = [try parseLiteral()]
            while accept(symbol: ",") { values.append(try parseLiteral()) }
            guard accept(symbol: ")") else { throw error("expected ',' or ')' in the list, found \(describe(current))") }
            return .inList(column: column, values, negated: negated)
        }
        if accept(keyword: "like") {
            guard case .string(let pattern) = current else { throw error("expected a quoted pattern after 'like', found \(describe(current))") }
            position += 1
            return .like(column: column, pattern: pattern, negated: negated)
        }
        if accept(keyword: "between") {
            let low = try parseLiteral()
            try expect(keyword: "and")
            let high = try parseLiteral()
            let range = QueryExpression.between(column: column, low, high)
            return negated ? .not(range) : range
        }
        if negated { throw error("expected 'in', 'like' or 'between' after 'not', found \(describe(current))") }
        return .column(column)
    }

    private mutating func parseLiteral() throws(QueryExpressionError) -> QueryExpression.Literal {
        switch current {
        case .string(let value):
            position += 1
            return .string(value)
        case .number(let text):
            position += 1
            if let integer = Int64(text) { return .int(integer) }
            if let double = Double(text) { return .double(double) }
            throw error("'\(text)' is not a number")
        case .identifier(let name):
            switch name.lowercased() {
            case "true": position += 1; return .bool(true)
            case "false": position += 1; return .bool(false)
            case "null": position += 1; return .null
            default: throw error("expected a value, found \(describe(current)); quote text values, as in '\(name)'")
            }
        default:
            throw error("expected a value, found \(describe(current))")
        }
    }

    private func tokenize() throws(QueryExpressionError) -> [(token: Token, offset: Int)] {
        let scalars = Array(text.unicodeScalars)
        var result: [(token: Token, offset: Int)] = []
        var index = 0
        func fail(_ message: String, _ at: Int) -> QueryExpressionError {
            QueryExpressionError(expression: text, offset: at, message: message)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            let start = index
            if scalar == " " || scalar == "\t" || scalar == "\n" {
                index += 1
            } else if scalar == "'" || scalar == "\"" {
                // A quoted string (single quotes), or a quoted column name (double quotes); the quote doubles to escape.
                var value = String.UnicodeScalarView()
                index += 1
                var closed = false
                while index < scalars.count {
                    if scalars[index] == scalar {
                        if index + 1 < scalars.count && scalars[index + 1] == scalar {
                            value.append(scalar)
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    value.append(scalars[index])
                    index += 1
                }
                guard closed else { throw fail("the quote opened here is never closed", start) }
                result.append((scalar == "'" ? .string(String(value)) : .identifier(String(value)), start))
            } else if scalar.properties.isAlphabetic || scalar == "_" {
                var name = String.UnicodeScalarView()
                while index < scalars.count,
                    scalars[index].properties.isAlphabetic || scalars[index] == "_" || ("0"..."9").contains(scalars[index]) || scalars[index] == "."
                {
                    name.append(scalars[index])
                    index += 1
                }
                result.append((.identifier(String(name)), start))
            } else if ("0"..."9").contains(scalar) || ((scalar == "-" || scalar == "+" || scalar == ".") && index + 1 < scalars.count && ("0"..."9").contains(scalars[index + 1])) {
                var number = String.UnicodeScalarView()
                number.append(scalar)
                index += 1
                while index < scalars.count {
                    let next = scalars[index]
                    let isExponentSign = (next == "-" || next == "+") && (number.last == "e" || number.last == "E")
                    guard ("0"..."9").contains(next) || next == "." || next == "e" || next == "E" || isExponentSign else { break }
                    number.append(next)
                    index += 1
                }
                result.append((.number(String(number)), start))
            } else {
                let two = index + 1 < scalars.count ? String(scalar) + String(scalars[index + 1]) : ""
                if ["<=", ">=", "!=", "<>", "=="].contains(two) {
                    result.append((.symbol(two == "==" ? "=" : two), start))
                    index += 2
                } else if "=<>(),".unicodeScalars.contains(scalar) {
                    result.append((.symbol(String(scalar)), start))
                    index += 1
                } else {
                    throw fail("the character '\(scalar)' is not part of the expression language", start)
                }
            }
        }
        result.append((.end, scalars.count))
        return result
    }
}
