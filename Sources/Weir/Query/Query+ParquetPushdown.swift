import Foundation
import WeirColumns
import WeirParquet

/// How a query's filter is pushed below the evaluation: conjuncts over the Hive columns prune
/// whole parts, and simple comparisons on data columns become a ``ParquetPredicate`` that skips
/// row groups by their statistics. Both only ever skip rows the full filter would reject, so the
/// full filter is still evaluated on whatever is read.
enum QueryPushdown {
    /// The conjuncts of `expression`: the parts of a top-level `and`, flattened.
    static func conjuncts(_ expression: QueryExpression) -> [QueryExpression] {
        if case .and(let parts) = expression { return parts.flatMap(conjuncts) }
        return [expression]
    }

    /// The conjuncts that read only the named columns (and at least one).
    static func conjuncts(_ conjuncts: [QueryExpression], within names: Set<String>) -> [QueryExpression] {
        conjuncts.filter { !$0.columns.isEmpty && $0.columns.isSubset(of: names) }
    }

    /// The row-group predicate for a part whose columns are `schema`, from the conjuncts that
    /// can be decided on statistics; `nil` when none can. `excluded` columns (the Hive columns)
    /// are not in the file and never pushed.
    static func predicate(
        _ conjuncts: [QueryExpression], schema: Schema, excluded: Set<String>
    ) -> (predicate: ParquetPredicate, used: [QueryExpression])? {
        var predicates: [ParquetPredicate] = []
        var used: [QueryExpression] = []
        for conjunct in conjuncts where conjunct.columns.isDisjoint(with: excluded) {
            if let predicate = predicate(conjunct, schema) {
                predicates.append(predicate)
                used.append(conjunct)
            }
        }
        guard !predicates.isEmpty else { return nil }
        return (predicates.count == 1 ? predicates[0] : .and(predicates), used)
    }

    /// The predicate equivalent to `expression` for pruning, or `nil` when statistics cannot
    /// decide it exactly as ``QueryEvaluator`` would.
    static func predicate(_ expression: QueryExpression, _ schema: Schema) -> ParquetPredicate? {
        switch expression {
        case .compare(let name, let comparison, let literal):
            guard let field = field(name, schema), let op = ComparisonOp(rawValue: comparison.rawValue),
                let value = statisticsValue(literal, field, op)
            else { return nil }
            return .compare(column: name, op: op, value: value)
        case .between(let name, let low, let high):
            // NaN fails the upper bound, so the lower one may be pruned on even for floats.
            guard let field = field(name, schema), let lower = statisticsValue(low, field, .lessOrEqual),
                let upper = statisticsValue(high, field, .lessOrEqual)
            else { return nil }
            return .and([
                .compare(column: name, op: .greaterOrEqual, value: lower),
                .compare(column: name, op: .lessOrEqual, value: upper),
            ])
        case .inList(let name, let literals, negated: false):
            guard let field = field(name, schema), !literals.isEmpty else { return nil }
            var options: [ParquetPredicate] = []
            for literal in literals {
                guard let value = statisticsValue(literal, field, .equal) else { return nil }
                options.append(.compare(column: name, op: .equal, value: value))
            }
            return options.count == 1 ? options[0] : .or(options)
        case .isNull(let name, let negated):
            guard field(name, schema) != nil else { return nil }
            return negated ? .isNotNull(name) : .isNull(name)
        case .and(let parts):
            var converted: [ParquetPredicate] = []
            for part in parts {
                guard let predicate = predicate(part, schema) else { return nil }
                converted.append(predicate)
            }
            return .and(converted)
        case .or(let parts):
            var converted: [ParquetPredicate] = []
            for part in parts {
                guard let predicate = predicate(part, schema) else { return nil }
                converted.append(predicate)
            }
            return .or(converted)
        case .inList, .like, .column, .not:
            return nil
        }
    }

    private static func field(_ name: String, _ schema: Schema) -> Field? {
        schema.index(of: name).map { schema.fields[$0] }
    }

    /// The literal as the statistics comparison needs it, or `nil` where comparing it with the
    /// column's bounds could decide differently from the evaluator's comparison of the cells.
    ///
    /// The evaluator compares mixed integer and floating values as doubles, while statistics
    /// compare exactly: the two agree only where every value involved is exact as a double. It
    /// also orders NaN above every number, and Parquet bounds leave NaN out, so a float column's
    /// `>`, `>=` and `!=` are never pushed.
    static func statisticsValue(_ literal: QueryExpression.Literal, _ field: Field, _ op: ComparisonOp) -> Value? {
        let coerced: Value
        do {
            coerced = try QueryEvaluator.coerce(literal, to: field)
        } catch {
            return nil
        }
        if coerced.isNull { return nil }
        switch field.type {
        case .int(let bits, signed: true):
            switch coerced {
            case .int: return coerced
            case .double(let value): return bits <= 32 && value.isFinite ? coerced : nil
            default: return nil
            }
        case .float32, .float64:
            if op == .greater || op == .greaterOrEqual || op == .notEqual { return nil }
            switch coerced {
            case .int(let value):
                return value.magnitude <= 1 << 53 ? .double(Double(value)) : nil
            case .double(let value):
                return value.isNaN ? nil : coerced
            default: return nil
            }
        case .string, .date, .timestamp, .boolean:
            return coerced
        case .int(_, signed: false), .binary, .fixedBinary, .decimal, .list, .structure, .map:
            return nil
        }
    }
}

extension QueryExpression {
    /// The expression written back in the `--where` language, for explanations.
    var text: String {
        switch self {
        case .compare(let column, let comparison, let literal):
            return Self.name(column) + " " + comparison.rawValue + " " + Self.text(literal)
        case .inList(let column, let literals, let negated):
            return Self.name(column) + (negated ? " not in (" : " in (")
                + literals.map(Self.text).joined(separator: ", ")
                + ")"
        case .between(let column, let low, let high):
            return Self.name(column) + " between " + Self.text(low) + " and " + Self.text(high)
        case .isNull(let column, let negated):
            return Self.name(column) + (negated ? " is not null" : " is null")
        case .like(let column, let pattern, let negated):
            return Self.name(column) + (negated ? " not like " : " like ") + Self.text(.string(pattern))
        case .column(let column):
            return Self.name(column)
        case .and(let parts):
            return parts.map { $0.isCompound ? "(" + $0.text + ")" : $0.text }.joined(separator: " and ")
        case .or(let parts):
            return parts.map { $0.isCompound ? "(" + $0.text + ")" : $0.text }.joined(separator: " or ")
        case .not(let inner):
            return "not " + (inner.isCompound ? "(" + inner.text + ")" : inner.text)
        }
    }

    private var isCompound: Bool {
        switch self {
        case .and, .or: true
        default: false
        }
    }

    private static func name(_ column: String) -> String {
        let plain = column.unicodeScalars.enumerated().allSatisfy { index, scalar in
            scalar.properties.isAlphabetic || scalar == "_"
                || (index > 0 && (("0"..."9").contains(scalar) || scalar == "."))
        }
        let keywords: Set<String> = ["and", "or", "not", "in", "between", "is", "null", "like", "true", "false"]
        if plain && !column.isEmpty && !keywords.contains(column.lowercased()) { return column }
        return "\"" + column.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func text(_ literal: Literal) -> String {
        switch literal {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .string(let value): "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        }
    }
}
