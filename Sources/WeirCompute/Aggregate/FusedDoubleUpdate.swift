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
    /// maximum of doubles, when at least two of them are there.
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
            return fused.members.count >= 2 ? fused : nil
        }
    }

    /// Adds the rows of `batch` to their groups in each member's state.
    func update(_ accumulators: inout [AggregateAccumulator], batch: RecordBatch, groups: [Int]) {
        let input = batch.columns[column]
        let values = AggregateAccumulator.doubles(input.storage)
        // Moved out so that each array is uniquely held while it is written.
        func take(_ index: Int?) -> (n: [Int64], d: [Double]) {
            guard let index else { return ([], []) }
            let state = (accumulators[index].n, accumulators[index].d)
            accumulators[index].n = []
            accumulators[index].d = []
            return state
        }
        func put(_ index: Int?, _ state: (n: [Int64], d: [Double])) {
            guard let index else { return }
            accumulators[index].n = state.n
            accumulators[index].d = state.d
        }
        var sumState = take(sum)
        var minState = take(min)
        var maxState = take(max)
        values.withUnsafeBufferPointer { values in
            groups.withUnsafeBufferPointer { groups in
                sumState.n.withUnsafeMutableBufferPointer { sumN in
                    sumState.d.withUnsafeMutableBufferPointer { sumD in
                        minState.n.withUnsafeMutableBufferPointer { minN in
                            minState.d.withUnsafeMutableBufferPointer { minD in
                                maxState.n.withUnsafeMutableBufferPointer { maxN in
                                    maxState.d.withUnsafeMutableBufferPointer { maxD in
                                        // An empty array's buffer may still have an address (the
                                        // shared empty storage): absent members must be nil.
                                        let kernel = Kernel(
                                            sumN: sum == nil ? nil : sumN.baseAddress,
                                            sumD: sum == nil ? nil : sumD.baseAddress,
                                            minN: min == nil ? nil : minN.baseAddress,
                                            minD: min == nil ? nil : minD.baseAddress,
                                            maxN: max == nil ? nil : maxN.baseAddress,
                                            maxD: max == nil ? nil : maxD.baseAddress)
                                        if let validity = input.validity {
                                            validity.withUnsafeBufferPointer { validity in
                                                for row in 0..<groups.count where validity[row] {
                                                    kernel.add(values[row], to: groups[row])
                                                }
                                            }
                                        } else {
                                            for row in 0..<groups.count { kernel.add(values[row], to: groups[row]) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        put(sum, sumState)
        put(min, minState)
        put(max, maxState)
    }

    /// The members' counts and values, `nil` for an absent member (or no groups yet).
    private struct Kernel {
        let sumN, minN, maxN: UnsafeMutablePointer<Int64>?
        let sumD, minD, maxD: UnsafeMutablePointer<Double>?

        init(
            sumN: UnsafeMutablePointer<Int64>?, sumD: UnsafeMutablePointer<Double>?,
            minN: UnsafeMutablePointer<Int64>?, minD: UnsafeMutablePointer<Double>?,
            maxN: UnsafeMutablePointer<Int64>?, maxD: UnsafeMutablePointer<Double>?
        ) {
            self.sumN = sumN
            self.sumD = sumD
            self.minN = minN
            self.minD = minD
            self.maxN = maxN
            self.maxD = maxD
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
