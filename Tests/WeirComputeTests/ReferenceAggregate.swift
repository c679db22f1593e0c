import WeirColumns
import WeirCompute

/// A plain in-memory aggregation over rows of values: the reference the spilling operators are
/// checked against. Groups come ordered by their values, nulls last.
enum ReferenceAggregate {
    /// One output row per group: the group's values, then one value per aggregation.
    static func aggregate(
        _ rows: [[Value]], schema: Schema, groupBy: [String], aggregations: [Aggregation], orderBy: String,
        minCount: Int = 1
    ) -> [[Value]] {
        let groupIndices = groupBy.map { schema.index(of: $0)! }
        let orderIndex = schema.index(of: orderBy)!
        var groups: [[Value]: [[Value]]] = [:]
        for row in rows { groups[groupIndices.map { row[$0] }, default: []].append(row) }
        let keys = groups.keys.sorted { a, b in
            for (x, y) in zip(a, b) {
                if x.isNull != y.isNull { return y.isNull }
                if let order = ValueOrder.compare(x, y), order != 0 { return order < 0 }
            }
            return false
        }
        return keys.map { key in
            let members = groups[key]!
            return key
                + aggregations.map { aggregation in
                    let index = schema.index(of: aggregation.column)!
                    return result(
                        aggregation.function, members.map { ($0[orderIndex], $0[index]) }, minCount: minCount,
                        type: schema.fields[index].type)
                }
        }
    }

    static func result(_ function: AggregateFunction, _ pairs: [(Value, Value)], minCount: Int, type: ColumnType)
        -> Value
    {
        let present = pairs.filter { !$0.1.isNull }
        if function == .count { return .int(Int64(present.count)) }
        if function == .first || function == .last {
            guard present.count >= minCount, !present.isEmpty else { return .null }
            let sorted = present.sorted { a, b in
                let order = ValueOrder.compare(a.0, b.0) ?? 0
                if order != 0 { return order < 0 }
                return (ValueOrder.compare(a.1, b.1) ?? 0) < 0
            }
            return function == .first ? sorted.first!.1 : sorted.last!.1
        }
        if type == .string, function == .min || function == .max {
            guard present.count >= minCount, !present.isEmpty else { return .null }
            let sorted = present.map(\.1).sorted { (ValueOrder.compare($0, $1) ?? 0) < 0 }
            return function == .min ? sorted.first! : sorted.last!
        }
        let numbers = present.compactMap { ValueOrder.number($0.1) }.filter { !$0.isNaN }
        guard numbers.count >= max(minCount, function == .std ? 2 : 1) else { return .null }
        let integer: Bool
        if case .int = type { integer = true } else { integer = false }
        switch function {
        case .sum:
            if integer {
                return .int(present.reduce(0) { if case .int(let v) = $1.1 { return $0 + v } else { return $0 } })
            }
            return .double(numbers.reduce(0, +))
        case .mean: return .double(numbers.reduce(0, +) / Double(numbers.count))
        case .min, .max:
            let values = present.map(\.1).filter { value in
                if case .double(let number) = value { return !number.isNaN }
                return true
            }
            let sorted = values.sorted { (ValueOrder.compare($0, $1) ?? 0) < 0 }
            return function == .min ? sorted.first! : sorted.last!
        case .std:
            let mean = numbers.reduce(0, +) / Double(numbers.count)
            let squares = numbers.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return .double((squares / Double(numbers.count - 1)).squareRoot())
        default: return .null
        }
    }
}
