import WeirColumns

/// What an ``Aggregation`` computes over a group's values.
///
/// `mean`, `min`, `max`, `sum` and `std` ignore nulls and NaN; `count` counts the non-null values
/// (NaN included); `first` and `last` are the earliest and latest non-null values by the order
/// column. Every result but `count`'s is null when no value counts. On text, `min` and `max`
/// compare the bytes of the UTF-8 (as DuckDB does), and `sum`, `mean` and `std` do not apply.
public enum AggregateFunction: String, Sendable, Hashable, CaseIterable {
    case count, sum, mean, min, max, first, last
    /// The sample standard deviation (divided by n - 1); null below two values.
    case std

    /// The type of the result over a column of `type`, or `nil` when the function does not apply.
    public func resultType(for type: ColumnType) -> ColumnType? {
        let numeric: Bool
        switch type {
        case .int, .float32, .float64: numeric = true
        default: numeric = false
        }
        switch self {
        case .count: return .int64
        case .sum:
            guard numeric else { return nil }
            if case .int = type { return .int64 }
            return .float64
        case .mean, .std: return numeric ? .float64 : nil
        case .min, .max, .first, .last:
            switch type {
            case .int, .float32, .float64, .boolean, .date, .timestamp, .string: return type
            default: return nil
            }
        }
    }

    /// The functions that apply to a column of `type`, for messages.
    public static func applicable(to type: ColumnType) -> [AggregateFunction] {
        allCases.filter { $0.resultType(for: type) != nil }
    }
}

/// One output column of an aggregation: a function over an input column.
public struct Aggregation: Sendable, Hashable {
    public var column: String
    public var function: AggregateFunction
    /// The output column's name; `<column>_<function>` unless given.
    public var name: String

    public init(_ column: String, _ function: AggregateFunction, as name: String? = nil) {
        self.column = column
        self.function = function
        self.name = name ?? "\(column)_\(function.rawValue)"
    }

    /// Checks that the function applies to the column's type in `schema`.
    /// - Throws: `ComputeError` naming the column, its type and the functions that do apply.
    public func check(against schema: Schema) throws -> Field {
        let field = schema.fields[try schema.requireFlatIndex(of: column, for: "an aggregation")]
        guard let type = function.resultType(for: field.type) else {
            let fits = AggregateFunction.applicable(to: field.type).map { "'\($0.rawValue)'" }
            throw ComputeError(
                .invalidArgument,
                "The aggregation '\(function.rawValue)' does not apply to the \(field.type.name) column '\(column)'. "
                    + "Please use \(fits.joined(separator: ", ")) for it, or aggregate a numeric column.")
        }
        return Field(name, type, nullable: function != .count)
    }
}
