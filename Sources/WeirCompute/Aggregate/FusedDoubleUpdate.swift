import WeirColumns

/// The sum (or mean), minimum and maximum of one floating-point column, updated in one pass over
/// a batch instead of one pass each: the hot loop of a resample such as `temp_c: [mean, min, max]`.
///
/// Each member keeps its own state exactly as ``AggregateAccumulator`` would (the fused pass and
/// separate passes give the same states); only the reading of values and groups is shared.
struct FusedDoubleUpdate {
    /// The input column.
    let column: Int
    /// Indices into the aggregation's accumulators of the members, `nil` where absent.
    let sum: Int?
    let min: Int?
    let max: Int?

    var members: [Int] { [sum, min, max].compactMap { $0 } }

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

    /// Adds the rows of `batch` to their groups in each member's state.
    func update(_ accumulators: inout [AggregateAccumulator], batch: RecordBatch, groups: [Int]) {
        let input = batch.columns[column]
        let values = AggregateAccumulator.doubles(input.storage)
        func take(_ index: Int?) -> State {
            guard let index else { return State(present: false) }
            let state = State(n: accumulators[index].n, d: accumulators[index].d, present: true)
            accumulators[index].n = []
            accumulators[index].d = []
            return state
        }
        func put(_ index: Int?, _ state: State) {
            guard let index else { return }
            accumulators[index].n = state.n
            accumulators[index].d = state.d
        }
        var sums = take(sum)
        var minima = take(min)
        var maxima = take(max)
        sums.withAddresses { sumN, sumD in
            minima.withAddresses { minN, minD in
                maxima.withAddresses { maxN, maxD in
                    let kernel = Kernel(sumN: sumN, sumD: sumD, minN: minN, minD: minD, maxN: maxN, maxD: maxD)
                    kernel.add(values, groups: groups, validity: input.validity)
                }
            }
        }
        put(sum, sums)
        put(min, minima)
        put(max, maxima)
    }

    /// One member's state, moved out of its accumulator so that the arrays are uniquely held while
    /// they are written.
    private struct State {
        var n: [Int64] = []
        var d: [Double] = []
        let present: Bool

        /// Calls `body` with the state's addresses, `nil` for an absent member: an empty array's
        /// buffer may still have an address (the shared empty storage), which must never be written.
        mutating func withAddresses(
            _ body: (UnsafeMutablePointer<Int64>?, UnsafeMutablePointer<Double>?) -> Void
        ) {
            guard present else { return body(nil, nil) }
            n.withUnsafeMutableBufferPointer { n in
                d.withUnsafeMutableBufferPointer { d in body(n.baseAddress, d.baseAddress) }
            }
        }
    }

    /// The members' counts and values, `nil` for an absent member (or no groups yet).
    private struct Kernel {
        let sumN: UnsafeMutablePointer<Int64>?
        let sumD: UnsafeMutablePointer<Double>?
        let minN: UnsafeMutablePointer<Int64>?
        let minD: UnsafeMutablePointer<Double>?
        let maxN: UnsafeMutablePointer<Int64>?
        let maxD: UnsafeMutablePointer<Double>?

        /// Adds every row with a value (`validity`, when given, says which) to its group.
        func add(_ values: [Double], groups: [Int], validity: [Bool]?) {
            values.withUnsafeBufferPointer { values in
                groups.withUnsafeBufferPointer { groups in
                    guard let validity else {
                        for row in 0..<groups.count { add(values[row], to: groups[row]) }
                        return
                    }
                    validity.withUnsafeBufferPointer { validity in
                        for row in 0..<groups.count where validity[row] { add(values[row], to: groups[row]) }
                    }
                }
            }
        }

        /// As ``AggregateAccumulator``'s own update: NaN does not count; the first value sets the
        /// minimum and maximum.
        @inline(__always)
        func add(_ value: Double, to group: Int) {
            guard !value.isNaN else { return }
            if let sumN, let sumD {
                sumN[group] += 1
                sumD[group] += value
            }
            if let minN, let minD {
                if minN[group] == 0 || value < minD[group] { minD[group] = value }
                minN[group] += 1
            }
            if let maxN, let maxD {
                if maxN[group] == 0 || value > maxD[group] { maxD[group] = value }
                maxN[group] += 1
            }
        }
    }
}
