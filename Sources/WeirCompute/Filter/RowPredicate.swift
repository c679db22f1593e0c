import WeirColumns
import WeirParquet

/// A condition on a row, evaluated batch by batch by ``Filter`` and pushed down to Parquet
/// statistics by ``ParquetScan`` where it can be.
public indirect enum RowPredicate: Sendable, Hashable {
    /// `column op value`; a null cell never matches.
    case compare(column: String, op: ComparisonOp, value: Value)
    case and([RowPredicate])
    case or([RowPredicate])
    case not(RowPredicate)
    case isNull(String)
    case isNotNull(String)

    /// The part of the predicate that row-group statistics can decide, or `nil` when none can.
    public var pushdown: ParquetPredicate? {
        switch self {
        case .compare(let column, let op, let value): return .compare(column: column, op: op, value: value)
        case .isNull(let column): return .isNull(column)
        case .isNotNull(let column): return .isNotNull(column)
        case .and(let parts):
            let pushed = parts.compactMap(\.pushdown)
            return pushed.isEmpty ? nil : .and(pushed)
        case .or(let parts):
            let pushed = parts.compactMap(\.pushdown)
            return pushed.count == parts.count ? .or(pushed) : nil
        case .not: return nil
        }
    }

    /// The names of the columns the predicate reads.
    public var columns: Set<String> {
        switch self {
        case .compare(let column, _, _), .isNull(let column), .isNotNull(let column): [column]
        case .and(let parts), .or(let parts): parts.reduce(into: []) { $0.formUnion($1.columns) }
        case .not(let part): part.columns
        }
    }

    /// One flag per row of `batch`: whether the row matches.
    /// - Throws: `ComputeError` for a column the batch lacks.
    public func evaluate(_ batch: RecordBatch) throws -> [Bool] {
        switch self {
        case .compare(let name, let op, let value):
            let column = batch.columns[try batch.schema.requireFlatIndex(of: name, for: "a filter")]
            return (0..<batch.rowCount).map { row in
                guard let order = ValueOrder.compare(column.value(at: row), value) else { return false }
                switch op {
                case .equal: return order == 0
                case .notEqual: return order != 0
                case .less: return order < 0
                case .lessOrEqual: return order <= 0
                case .greater: return order > 0
                case .greaterOrEqual: return order >= 0
                }
            }
        case .isNull(let name):
            let column = batch.columns[try batch.schema.requireFlatIndex(of: name, for: "a filter")]
            return (0..<batch.rowCount).map { column.isNull($0) }
        case .isNotNull(let name):
            let column = batch.columns[try batch.schema.requireFlatIndex(of: name, for: "a filter")]
            return (0..<batch.rowCount).map { !column.isNull($0) }
        case .and(let parts):
            var result = Array(repeating: true, count: batch.rowCount)
            for part in parts {
                let flags = try part.evaluate(batch)
                for row in result.indices where !flags[row] { result[row] = false }
            }
            return result
        case .or(let parts):
            var result = Array(repeating: false, count: batch.rowCount)
            for part in parts {
                let flags = try part.evaluate(batch)
                for row in result.indices where flags[row] { result[row] = true }
            }
            return result
        case .not(let part):
            return try part.evaluate(batch).map { !$0 }
        }
    }
}
