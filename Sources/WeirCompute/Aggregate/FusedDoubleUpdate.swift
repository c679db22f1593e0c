import WeirColumns

/// The sum (or mean), minimum and maximum of one floating-point column, updated in one pass over
/// a batch instead of one pass each: the hot loop of a resample such as `temp_c: [mean, min, max]`.
///
/// While rows come in, the members' states live here, a group's count, sum, minimum and maximum
/// side by side (one cache line a row instead of one per member and state); ``flush(into:)``
/// hands them to the members' accumulators, in exactly the states the accumulators' own updates
/// would have reached, before those states are read (finished or spilled).
struct FusedDoubleUpdate {
    /// The input column.
    let column: Int
    /// Indices into the aggregation's accumulators of the members, `nil` where absent.
    let sum: Int?
    let min: Int?
    let max: Int?
    private var cells: [Cell] = []

    /// One group's values: non-NaN values counted, their sum, minimum and maximum (±∞ before any).
    struct Cell {
        var count: Int64 = 0
        var sum: Double = 0
        var min: Double = .infinity
        var max: Double = -.infinity
    }

    var members: [Int] { [sum, min, max].compactMap { $0 } }

    /// About how many bytes the states take.
    var memorySize: Int { cells.capacity * MemoryLayout<Cell>.stride }

    private init(column: Int, sum: Int?, min: Int?, max: Int?) {
        self.column = column
        self.sum = sum
        self.min = min
        self.max = max
    }

    /// Plans the fused updates of `accumulators`: per column, one sum or mean, one minimum and one
    /// maximum of doubles, whichever of them are there (one alone also runs faster here, on raw
    /// buffers, than in ``AggregateAccumulator``'s general loop).
    static func plan(_ accumulators: [AggregateAccumulator]) -> [FusedDoubleUpdate] {
        var byColumn: [Int: (sum: Int?, min: Int?, max: Int?)] = [:]
        var columns: [Int] = []
        for (index, accumulator) in accumulators.enumerated() where !accumulator.integer && !accumulator.text {
            let column = accumulator.inputIndex
            if byColumn[column] == nil {
                byColumn[column] = (nil, nil, nil)
                columns.append(column)
            }
            switch accumulator.function {
            case .sum, .mean: if byColumn[column]!.sum == nil { byColumn[column]!.sum = index }
            case .min: if byColumn[column]!.min == nil { byColumn[column]!.min = index }
            case .max: if byColumn[column]!.max == nil { byColumn[column]!.max = index }
            default: break
            }
        }
        return columns.compactMap { column in
            let members = byColumn[column]!
            let fused = FusedDoubleUpdate(column: column, sum: members.sum, min: members.min, max: members.max)
            return fused.members.isEmpty ? nil : fused
        }
    }

    /// Makes room for `count` more groups.
    mutating func addGroups(_ count: Int) {
        cells.append(contentsOf: repeatElement(Cell(), count: count))
    }

    /// Adds the rows of `batch` to their groups.
    mutating func update(batch: RecordBatch, groups: [Int]) {
        let input = batch.columns[column]
        let values = AggregateAccumulator.doubles(input.storage)
        let validity = input.validity
        cells.withUnsafeMutableBufferPointer { cells in
            values.withUnsafeBufferPointer { values in
                groups.withUnsafeBufferPointer { groups in
                    guard let validity else {
                        for row in 0..<groups.count { Self.add(values[row], to: &cells[groups[row]]) }
                        return
                    }
                    validity.withUnsafeBufferPointer { validity in
                        for row in 0..<groups.count where validity[row] {
                            Self.add(values[row], to: &cells[groups[row]])
                        }
                    }
                }
            }
        }
    }

    /// As ``AggregateAccumulator``'s own update: NaN does not count.
    @inline(__always)
    private static func add(_ value: Double, to cell: inout Cell) {
        guard !value.isNaN else { return }
        cell.count &+= 1
        cell.sum += value
        // Strict comparisons, as the accumulator's: of 0 and -0, the first seen stays.
        cell.min = value < cell.min ? value : cell.min
        cell.max = value > cell.max ? value : cell.max
    }

    /// Gives every member its states (count and value per group; 0 for a group without values,
    /// as an accumulator starts) and forgets them here.
    mutating func flush(into accumulators: inout [AggregateAccumulator]) {
        let counts = cells.map(\.count)
        if let sum { accumulators[sum].setStates(counts: counts, values: cells.map(\.sum)) }
        if let min {
            accumulators[min].setStates(counts: counts, values: cells.map { $0.count == 0 ? 0 : $0.min })
        }
        if let max {
            accumulators[max].setStates(counts: counts, values: cells.map { $0.count == 0 ? 0 : $0.max })
        }
        cells = []
    }

    /// Forgets every group's state.
    mutating func removeAll() { cells = [] }
}
