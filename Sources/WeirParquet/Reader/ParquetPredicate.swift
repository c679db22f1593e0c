import WeirColumns

/// A comparison operator of a ``ParquetPredicate``.
public enum ComparisonOp: String, Sendable, Hashable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

/// A row condition used to skip row groups whose statistics prove that no row can match.
///
/// Pruning is conservative: a row group is skipped only when its statistics decide the
/// condition; unknown columns, missing statistics and values of incomparable kinds keep it.
/// Rows of the row groups that are read still have to be filtered by the caller.
public indirect enum ParquetPredicate: Sendable, Hashable {
    /// `column op value`; rows where the column is null never match.
    case compare(column: String, op: ComparisonOp, value: Value)
    case and([ParquetPredicate])
    case or([ParquetPredicate])
    case isNull(String)
    case isNotNull(String)
}

extension ParquetFileReader {
    /// The indices of the row groups that may hold rows matching `predicate`, in file order.
    public func rowGroups(matching predicate: ParquetPredicate) -> [Int] {
        metadata.rowGroups.indices.filter { mayMatch(predicate, rowGroup: $0) }
    }

    /// The decoded statistics of `column` in row group `rowGroup`, or `nil` when it has none.
    public func statistics(rowGroup: Int, column: ParquetColumnDescriptor) -> ParquetColumnStatistics? {
        guard metadata.rowGroups.indices.contains(rowGroup) else { return nil }
        let chunks = metadata.rowGroups[rowGroup].columns
        guard chunks.indices.contains(column.leafIndex) else { return nil }
        let orders = metadata.columnOrders
        let order = orders.flatMap { $0.indices.contains(column.leafIndex) ? $0[column.leafIndex] : nil }
        return column.statistics(of: chunks[column.leafIndex], columnOrder: order)
    }

    private func mayMatch(_ predicate: ParquetPredicate, rowGroup: Int) -> Bool {
        switch predicate {
        case .and(let parts):
            return parts.allSatisfy { mayMatch($0, rowGroup: rowGroup) }
        case .or(let parts):
            return parts.contains { mayMatch($0, rowGroup: rowGroup) }
        case .isNull(let name):
            guard let stats = statistics(rowGroup: rowGroup, name: name), let nulls = stats.nullCount else {
                return true
            }
            return nulls > 0
        case .isNotNull(let name):
            guard let stats = statistics(rowGroup: rowGroup, name: name), let nulls = stats.nullCount else {
                return true
            }
            return nulls < metadata.rowGroups[rowGroup].numRows
        case .compare(let name, let op, let value):
            guard let stats = statistics(rowGroup: rowGroup, name: name) else { return true }
            if let nulls = stats.nullCount, nulls == metadata.rowGroups[rowGroup].numRows, nulls > 0 {
                return false
            }
            return StatisticsPruning.mayMatch(op, value, min: stats.min, max: stats.max)
        }
    }

    private func statistics(rowGroup: Int, name: String) -> ParquetColumnStatistics? {
        guard let column = columns.first(where: { $0.nesting == nil && $0.path == [name] && $0.field != nil }) else {
            return nil
        }
        return statistics(rowGroup: rowGroup, column: column)
    }
}

/// Decides comparisons against a row group's bounds, exactly or not at all.
enum StatisticsPruning {
    /// Whether some value in `[min, max]` may satisfy `value op` it; `true` when undecidable.
    static func mayMatch(_ op: ComparisonOp, _ value: Value, min: Value?, max: Value?) -> Bool {
        if value.isNull { return false }
        let belowMin = min.flatMap { ExactOrder.compare($0, value) }  // min ? value
        let aboveMax = max.flatMap { ExactOrder.compare($0, value) }  // max ? value
        switch op {
        case .equal:
            if let belowMin, belowMin > 0 { return false }
            if let aboveMax, aboveMax < 0 { return false }
            return true
        case .notEqual:
            if let belowMin, let aboveMax, belowMin == 0, aboveMax == 0 { return false }
            return true
        case .less:
            if let belowMin, belowMin >= 0 { return false }
            return true
        case .lessOrEqual:
            if let belowMin, belowMin > 0 { return false }
            return true
        case .greater:
            if let aboveMax, aboveMax <= 0 { return false }
            return true
        case .greaterOrEqual:
            if let aboveMax, aboveMax < 0 { return false }
            return true
        }
    }
}
