import WeirColumns

/// The right rows of a nearest join held in memory as a k-d tree over their coordinates, so that
/// each left row finds the right row at the least Euclidean distance, within the tolerance,
/// without comparing it with every right row. At equal distance the earlier right row wins.
/// A row with a null or NaN coordinate is never paired. With `on` keys, each group has a tree of
/// its own, and a left row looks only among its group's rows (a null key matches nothing).
struct NearestTable {
    let batch: RecordBatch
    private let keys: JoinKeys
    private let groups: KeyTable
    /// The rows of group `g` are `tree[start[g]..<start[g + 1]]`.
    private let start: [Int]
    private let leftColumns: [Int]
    private let dimensions: Int
    /// The coordinates of right row `r` at `points[r * dimensions ..< (r + 1) * dimensions]`.
    private let points: [Double]
    /// Right rows with coordinates, arranged as an implicit tree: the node of a range is its
    /// middle element, split on axis `depth % dimensions`.
    private let tree: [Int32]
    private let tolerance: Double?

    init(_ batch: RecordBatch, keys: JoinKeys, leftColumns: [Int], rightColumns: [Int], tolerance: Double?) {
        self.batch = batch
        self.keys = keys
        self.leftColumns = leftColumns
        dimensions = rightColumns.count
        self.tolerance = tolerance
        let (points, present) = Self.coordinates(batch, rightColumns)
        self.points = points
        let (table, groupOf, groupCount) = keys.groups(ofRight: batch)
        groups = table
        // The rows of each group together, in input order, then a tree over each group's range.
        let (counts, bucketed) = JoinKeys.bucket(groupOf: groupOf, count: groupCount) { present[$0] }
        var rows = bucketed
        for group in 0..<groupCount {
            Self.build(&rows, counts[group], counts[group + 1], depth: 0, points: points, dimensions: rightColumns.count)
        }
        start = counts
        tree = rows
    }

    /// The coordinates of every row as doubles, by row, and whether the row has all of them.
    static func coordinates(_ batch: RecordBatch, _ columns: [Int]) -> (points: [Double], present: [Bool]) {
        let rows = batch.rowCount
        let dimensions = columns.count
        var points = [Double](repeating: 0, count: rows * dimensions)
        var present = [Bool](repeating: true, count: rows)
        for (axis, index) in columns.enumerated() {
            let column = batch.columns[index]
            func fill(_ value: (Int) -> Double) {
                for row in 0..<rows {
                    let number = value(row)
                    points[row * dimensions + axis] = number
                    if number.isNaN || !(column.validity?[row] ?? true) { present[row] = false }
                }
            }
            let unsigned = column.field.type.isUnsigned
            switch column.storage {
            case .int32(let values):
                fill { unsigned ? Double(UInt32(bitPattern: values[$0])) : Double(values[$0]) }
            case .int64(let values):
                fill { unsigned ? Double(UInt64(bitPattern: values[$0])) : Double(values[$0]) }
            case .float(let values): fill { Double(values[$0]) }
            case .double(let values): fill { values[$0] }
            default: preconditionFailure("a nearest join's coordinate of \(column.field.type.name) values")
            }
        }
        return (points, present)
    }

    /// Arranges `rows[low..<high]` so that its middle element splits it on the depth's axis.
    private static func build(_ rows: inout [Int32], _ low: Int, _ high: Int, depth: Int, points: [Double], dimensions: Int)
    {
        guard high - low > 1 else { return }
        let axis = depth % dimensions
        let middle = (low + high) >> 1
        select(&rows, low, high, middle) { row in points[Int(row) * dimensions + axis] }
        build(&rows, low, middle, depth: depth + 1, points: points, dimensions: dimensions)
        build(&rows, middle + 1, high, depth: depth + 1, points: points, dimensions: dimensions)
    }

    /// Moves the element that sorts at `target` there, smaller (or equal) ones before it and
    /// larger (or equal) ones after it: a quickselect by `key`, ties broken by row.
    private static func select(_ rows: inout [Int32], _ low: Int, _ high: Int, _ target: Int, key: (Int32) -> Double) {
        func less(_ a: Int32, _ b: Int32) -> Bool {
            let x = key(a)
            let y = key(b)
            return x < y || (x == y && a < b)
        }
        var low = low
        var high = high - 1
        while low < high {
            // The median of three as the pivot, moved to the end.
            let middle = (low + high) >> 1
            if less(rows[middle], rows[low]) { rows.swapAt(middle, low) }
            if less(rows[high], rows[low]) { rows.swapAt(high, low) }
            if less(rows[middle], rows[high]) { rows.swapAt(middle, high) }
            let pivot = rows[high]
            var store = low
            for position in low..<high where less(rows[position], pivot) {
                rows.swapAt(position, store)
                store += 1
            }
            rows.swapAt(store, high)
            if store == target { return }
            if store < target { low = store + 1 } else { high = store - 1 }
        }
    }

    /// Each left row of `left` in order with its nearest right row and the distance, or with none.
    func probe(_ left: RecordBatch) -> JoinPairs {
        let rows = left.rowCount
        let (query, present) = Self.coordinates(left, leftColumns)
        let groupOf = keys.groups(ofLeft: left, in: groups)
        var partners = [Int32](repeating: -1, count: rows)
        var distances = [Double](repeating: 0, count: rows)
        // A little room over the square: the distance itself is checked against the tolerance below.
        let limit = tolerance.map { $0 * $0 * (1 + 1e-12) }
        query.withUnsafeBufferPointer { query in
            points.withUnsafeBufferPointer { points in
                tree.withUnsafeBufferPointer { tree in
                    for row in 0..<rows where present[row] && groupOf[row] >= 0 {
                        let group = Int(groupOf[row])
                        let point = UnsafeBufferPointer(rebasing: query[(row * dimensions)..<((row + 1) * dimensions)])
                        var best = Best(squared: limit ?? .infinity, row: -1)
                        Self.search(
                            point, tree, start[group], start[group + 1], depth: 0, points: points,
                            dimensions: dimensions, &best)
                        guard best.row >= 0 else { continue }
                        let distance = best.squared.squareRoot()
                        if let tolerance, distance > tolerance { continue }
                        partners[row] = best.row
                        distances[row] = distance
                    }
                }
            }
        }
        return JoinPairs(left: nil, right: partners, distance: distances)
    }

    private struct Best {
        var squared: Double
        var row: Int32
    }

    private static func search(
        _ point: UnsafeBufferPointer<Double>, _ tree: UnsafeBufferPointer<Int32>, _ low: Int, _ high: Int,
        depth: Int, points: UnsafeBufferPointer<Double>, dimensions: Int, _ best: inout Best
    ) {
        guard low < high else { return }
        let middle = (low + high) >> 1
        let row = tree[middle]
        let base = Int(row) * dimensions
        var squared = 0.0
        for axis in 0..<dimensions {
            let difference = point[axis] - points[base + axis]
            squared += difference * difference
        }
        if squared < best.squared || (squared == best.squared && (best.row < 0 || row < best.row)) {
            best = Best(squared: squared, row: row)
        }
        let axis = depth % dimensions
        let difference = point[axis] - points[base + axis]
        let (near, far) =
            difference < 0 ? ((low, middle), (middle + 1, high)) : ((middle + 1, high), (low, middle))
        search(point, tree, near.0, near.1, depth: depth + 1, points: points, dimensions: dimensions, &best)
        // The far side can only hold a point as near (an equal distance may win on its row).
        if difference * difference <= best.squared {
            search(point, tree, far.0, far.1, depth: depth + 1, points: points, dimensions: dimensions, &best)
        }
    }

    var memorySize: Int { batch.memorySize + points.count * 8 + tree.count * 4 + groups.memorySize }
}
