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
        var table = KeyTable(capacity: 1024)
        var groupOf = [Int32](repeating: 0, count: batch.rowCount)
        if !keys.isEmpty {
            let (encoded, present) = keys.encode(batch, side: .right)
            encoded.bytes.withUnsafeBufferPointer { bytes in
                for row in 0..<batch.rowCount {
                    guard present?[row] ?? true else {
                        groupOf[row] = -1
                        continue
                    }
                    let key = UnsafeBufferPointer(rebasing: bytes[encoded.offsets[row]..<encoded.offsets[row + 1]])
                    groupOf[row] = Int32(table.group(of: key).group)
                }
            }
        }
        groups = table
        let groupCount = keys.isEmpty ? 1 : table.count
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
        var groupOf = [Int32](repeating: 0, count: rows)
        if !keys.isEmpty {
            let (encoded, present) = keys.encode(left, side: .left)
            encoded.bytes.withUnsafeBufferPointer { bytes in
                var previous: (start: Int, end: Int, group: Int32)?
                for row in 0..<rows {
                    guard present?[row] ?? true else {
                        groupOf[row] = -1
                        continue
                    }
                    let start = encoded.offsets[row]
                    let end = encoded.offsets[row + 1]
                    let key = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    // Rows of one group often come together: compare with the row before first.
                    if let last = previous, last.end - last.start == end - start,
                        EncodedKeys.compare(UnsafeBufferPointer(rebasing: bytes[last.start..<last.end]), key) == 0
                    {
                        groupOf[row] = last.group
                        continue
                    }
                    let group = groups.find(key).map(Int32.init) ?? -1
                    groupOf[row] = group
                    previous = (start, end, group)
                }
            }
        }
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
