/// A row filter as `weir query --where` writes it: SQL-like comparisons joined by `and`, `or`,
/// `not` and parentheses.
///
/// ```
/// chip_number = 67 and proc in ('IV', 'IVg')
/// date between '2025-09-01' and '2025-09-30' or not has_light
/// reason is not null
/// source_path like '2025-10-%'
/// ```
public indirect enum QueryExpression: Sendable, Hashable {
    public enum Comparison: String, Sendable, Hashable {
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }

    public enum Literal: Sendable, Hashable {
        case null
        case bool(Bool)
        case int(Int64)
        case double(Double)
        case string(String)
    }

    case compare(column: String, Comparison, Literal)
    case inList(column: String, [Literal], negated: Bool)
    case between(column: String, Literal, Literal)
    case isNull(column: String, negated: Bool)
    case like(column: String, pattern: String, negated: Bool)
    /// A boolean column used as a condition.
    case column(String)
    case and([QueryExpression])
    case or([QueryExpression])
    case not(QueryExpression)

    /// The columns the expression reads.
    public var columns: Set<String> {
        switch self {
        case .compare(let column, _, _), .inList(let column, _, _), .between(let column, _, _),
            .isNull(let column, _), .like(let column, _, _), .column(let column):
            return [column]
        case .and(let parts), .or(let parts):
            return parts.reduce(into: []) { $0.formUnion($1.columns) }
        case .not(let inner):
            return inner.columns
        }
    }

    /// Parses an expression.
    ///
    /// - Throws: ``QueryExpressionError`` with the character offset of the problem.
    public static func parse(_ text: String) throws(QueryExpressionError) -> QueryExpression {
        var parser = QueryExpressionParser(text: text)
        return try parser.parseAll()
    }
}

/// A `--where` expression that cannot be read.
public struct QueryExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var expression: String
    /// 0-based character offset.
    public var offset: Int
    public var message: String

    public var description: String {
        "The expression '\(expression)' is invalid at character \(offset + 1): \(message)."
    }
}
