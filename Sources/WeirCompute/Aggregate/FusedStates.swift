import WeirColumns

/// The counts, sums, means, minima and maxima of every group held group by group (one cache line
/// for all of a group's states), updated a block of rows at a time.
///
/// With states held per aggregation, each aggregation's pass over a batch reaches for its own
/// cache lines at random groups; here the first pass over a block of rows brings a group's line
/// in and the others find it there. ``HashAggregate`` uses it when every aggregation is one of
/// these over values read as doubles, and hands the states to its accumulators before it spills
/// or finishes.
struct FusedStates {
    struct State {
        var n: Int64
        var d: Double
    }

    /// Rows a block: their groups' lines stay in the core's cache while every aggregation passes.
    static let blockRows = 4_096

    private let functions: [AggregateFunction]
    private let inputIndices: [Int]
    private var states: [State] = []

    /// The fused states of `accumulators`, or `nil` when one of them is not a count, or a sum, mean,
    /// minimum or maximum of doubles.
    init?(_ accumulators: [AggregateAccumulator]) {
        let fits = accumulators.allSatisfy { accumulator in
            accumulator.function == .count
                || ([.sum, .mean, .min, .max].contains(accumulator.function) && !accumulator.integer)
        }
        guard fits, !accumulators.isEmpty else { return nil }
        functions = accumulators.map(\.function)
        inputIndices = accumulators.map(\.inputIndex)
    }

    mutating func addGroups(_ count: Int) {
        states.append(contentsOf: repeatElement(State(n: 0, d: 0), count: count * functions.count))
    }

    /// Adds the rows of `batch` to their groups.
    mutating func update(_ batch: RecordBatch, groups: [Int]) {
        let functions = functions
        let width = functions.count
        let values = inputIndices.indices.map { slot in
            functions[slot] == .count ? [] : AggregateAccumulator.doubles(batch.columns[inputIndices[slot]].storage)
        }
        let validities = inputIndices.map { batch.columns[$0].validity }
        states.withUnsafeMutableBufferPointer { states in
            groups.withUnsafeBufferPointer { groups in
                var start = 0
                while start < groups.count {
                    let end = min(start + Self.blockRows, groups.count)
                    for slot in 0..<width {
                        Self.update(
                            functions[slot], slot: slot, width: width, rows: start..<end, values[slot], validities[slot],
                            groups, states)
                    }
                    start = end
                }
            }
        }
    }

    @inline(__always)
    private static func update(
        _ function: AggregateFunction, slot: Int, width: Int, rows: Range<Int>, _ values: [Double],
        _ validity: [Bool]?, _ groups: UnsafeBufferPointer<Int>, _ states: UnsafeMutableBufferPointer<State>
    ) {
        if function == .count {
            // Counts every value that is there, NaN included.
            for row in rows where validity?[row] ?? true { states[groups[row] * width + slot].n += 1 }
            return
        }
        values.withUnsafeBufferPointer { values in
            for row in rows where validity?[row] ?? true {
                let value = values[row]
                guard !value.isNaN else { continue }
                let index = groups[row] * width + slot
                let first = states[index].n == 0
                states[index].n += 1
                switch function {
                case .min: if first || value < states[index].d { states[index].d = value }
                case .max: if first || value > states[index].d { states[index].d = value }
                default: states[index].d += value
                }
            }
        }
    }

    /// Gives each accumulator its states (its own arrays were left empty meanwhile).
    func store(into accumulators: inout [AggregateAccumulator]) {
        let width = functions.count
        let groups = states.count / max(1, width)
        for slot in accumulators.indices {
            accumulators[slot].n = (0..<groups).map { states[$0 * width + slot].n }
            if functions[slot] != .count { accumulators[slot].d = (0..<groups).map { states[$0 * width + slot].d } }
        }
    }

    mutating func removeAll() { states = [] }
}
