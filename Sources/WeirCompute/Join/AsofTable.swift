import WeirColumns

/// The right rows of an as-of join held in memory: grouped by the `on` keys and sorted by the
/// as-of column within each group, so that each left row finds its partner by binary search
/// whatever order either input comes in.
struct AsofTable {
    let batch: RecordBatch
    private let keys: JoinKeys
    private let groups: KeyTable
    private let index: Index
    private let direction: AsofDirection
    private let leftColumn: Int
    private let type: ColumnType

    enum Index {
        case integers(AsofIndex<Int64>, tolerance: UInt64?)
        case doubles(AsofIndex<Double>, tolerance: Double?)
    }

    /// - Parameters:
    ///   - columns: the as-of column of each side and the type both are compared in.
    ///   - tolerance: the largest distance, in the units of `columns.type`.
    init(
        _ batch: RecordBatch, keys: JoinKeys, columns: (left: Int, right: Int, type: ColumnType),
        direction: AsofDirection, tolerance: AsofTolerance?
    ) {
        self.batch = batch
        self.keys = keys
        self.direction = direction
        leftColumn = columns.left
        type = columns.type
        let (table, groupOf, groupCount) = keys.groups(ofRight: batch)
        groups = table
        var column = batch.columns[columns.right]
        if column.field.type != columns.type { column = column.widened(to: columns.type)! }
        switch AsofColumn(column) {
        case .integers(let values, let present):
            var limit: UInt64?
            if case .integers(let whole) = tolerance { limit = whole }
            index = .integers(
                AsofIndex(groups: groupOf, groupCount: groupCount, values: values, present: present), tolerance: limit)
        case .doubles(let values, let present):
            var limit: Double?
            if case .number(let number) = tolerance { limit = number }
            index = .doubles(
                AsofIndex(groups: groupOf, groupCount: groupCount, values: values, present: present), tolerance: limit)
        }
    }

    /// Each left row of `left` in order with its partner, or with none.
    func probe(_ left: RecordBatch) -> JoinPairs {
        let rows = left.rowCount
        let groupOf = keys.groups(ofLeft: left, in: groups)
        var column = left.columns[leftColumn]
        if column.field.type != type { column = column.widened(to: type)! }
        var partners = [Int32](repeating: -1, count: rows)
        switch (index, AsofColumn(column)) {
        case (.integers(let index, let tolerance), .integers(let values, let present)):
            for row in 0..<rows where groupOf[row] >= 0 && (present?[row] ?? true) {
                if let found = index.search(
                    group: Int(groupOf[row]), values[row], direction: direction, tolerance: tolerance)
                {
                    partners[row] = found.row
                }
            }
        case (.doubles(let index, let tolerance), .doubles(let values, let present)):
            for row in 0..<rows where groupOf[row] >= 0 && (present?[row] ?? true) {
                if let found = index.search(
                    group: Int(groupOf[row]), values[row], direction: direction, tolerance: tolerance)
                {
                    partners[row] = found.row
                }
            }
        default:
            preconditionFailure("the two sides of an as-of join give values of one kind")
        }
        return JoinPairs(left: nil, right: partners)
    }

    var memorySize: Int { batch.memorySize * 2 + groups.memorySize }
}

/// An as-of tolerance in the units of the compared type: whole units for integral types
/// (timestamps in their unit, dates in days), a number for floating point ones.
enum AsofTolerance: Sendable {
    case integers(UInt64)
    case number(Double)
}
