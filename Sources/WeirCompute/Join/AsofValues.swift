import WeirColumns

/// A value an as-of join orders by, with the distance between two of them.
protocol AsofValue: Comparable, Sendable {
    associatedtype Gap: Comparable & Sendable
    /// The distance between `a` and `b`, never negative.
    static func gap(_ a: Self, _ b: Self) -> Gap
    /// Where `value` lies between `first` and `last` (`first < last`), as a fraction.
    static func fraction(_ value: Self, _ first: Self, _ last: Self) -> Double
}

extension Int64: AsofValue {
    @inline(__always)
    static func gap(_ a: Int64, _ b: Int64) -> UInt64 {
        a >= b ? UInt64(bitPattern: a &- b) : UInt64(bitPattern: b &- a)
    }

    @inline(__always)
    static func fraction(_ value: Int64, _ first: Int64, _ last: Int64) -> Double {
        (Double(value) - Double(first)) / (Double(last) - Double(first))
    }
}

extension Double: AsofValue {
    @inline(__always)
    static func gap(_ a: Double, _ b: Double) -> Double { abs(a - b) }

    @inline(__always)
    static func fraction(_ value: Double, _ first: Double, _ last: Double) -> Double {
        (value - first) / (last - first)
    }
}

/// The values of an as-of column: whole numbers (timestamps, dates, integers) or doubles, and
/// which rows have one (a null or NaN has none).
enum AsofColumn {
    case integers([Int64], present: [Bool]?)
    case doubles([Double], present: [Bool]?)

    /// The kind of values a column of `type` gives, or `nil` for a type an as-of join cannot order by.
    static func isIntegral(_ type: ColumnType) -> Bool? {
        switch type {
        case .timestamp, .date: return true
        case .int(let bits, let signed): return signed || bits < 64 ? true : nil
        case .float32, .float64: return false
        default: return nil
        }
    }

    /// The values of `column`, whose type ``isIntegral(_:)`` accepts.
    init(_ column: Column) {
        let unsigned = column.field.type.isUnsigned
        switch column.storage {
        case .int32(let values):
            self = .integers(
                unsigned ? values.map { Int64(UInt32(bitPattern: $0)) } : values.map { Int64($0) },
                present: column.validity)
        case .int64(let values):
            self = .integers(values, present: column.validity)
        case .float(let values):
            self = Self.doubles(values.map { Double($0) }, validity: column.validity)
        case .double(let values):
            self = Self.doubles(values, validity: column.validity)
        default:
            preconditionFailure("an as-of column of \(column.field.type.name) values")
        }
    }

    private static func doubles(_ values: [Double], validity: [Bool]?) -> AsofColumn {
        guard values.contains(where: \.isNaN) else { return .doubles(values, present: validity) }
        var present = validity ?? [Bool](repeating: true, count: values.count)
        for (row, value) in values.enumerated() where value.isNaN { present[row] = false }
        return .doubles(values, present: present)
    }
}

/// The right rows of an as-of join sorted by group, then value, then input order, for binary
/// search: the rows of group `g` are `values[start[g]..<start[g + 1]]`.
struct AsofIndex<Value: AsofValue> {
    private var start: [Int]
    private var values: [Value]
    private var rows: [Int32]

    /// - Parameters:
    ///   - groups: each right row's group (0 ..< groupCount), negative for a row never found.
    ///   - values: each right row's value; `present[row] == false` for a row without one.
    init(groups: [Int32], groupCount: Int, values: [Value], present: [Bool]?) {
        let (counts, bucketed) = JoinKeys.bucket(groupOf: groups, count: groupCount) { present?[$0] ?? true }
        var order = bucketed
        for group in 0..<groupCount {
            let range = counts[group]..<counts[group + 1]
            var sorted = true
            for position in range.dropFirst() where values[Int(order[position])] < values[Int(order[position - 1])] {
                sorted = false
                break
            }
            if !sorted {
                order[range].sort { a, b in
                    let x = values[Int(a)]
                    let y = values[Int(b)]
                    return x < y || (x == y && a < b)
                }
            }
        }
        start = counts
        rows = order
        self.values = order.map { values[Int($0)] }
    }

    /// The first position in `low..<high` whose value is above `value` (`inclusive`) or not below
    /// it. Times are often about evenly spaced (a reading a minute), so the search starts where
    /// `value` would lie if they were, widens from there by doubling steps until it brackets the
    /// answer, and ends with a binary search of the bracket: a step or two for even spacing, and
    /// never more than about twice a plain binary search's comparisons.
    @inline(__always)
    private func bound(_ value: Value, _ low: Int, _ high: Int, inclusive: Bool) -> Int {
        values.withUnsafeBufferPointer { values in
            @inline(__always) func before(_ x: Value) -> Bool { inclusive ? x <= value : x < value }
            var lo = low
            var hi = high
            if hi - lo > 8 {
                let first = values[lo]
                let last = values[hi - 1]
                if !before(first) { return lo }
                if before(last) { return hi }
                // first < last here, since `value` lies between them.
                let fraction = Value.fraction(value, first, last)
                let span = Double(hi - 1 - lo)
                let guess = lo + Int(max(0, min(span, fraction * span)))
                if before(values[guess]) {
                    lo = guess + 1
                    var step = 1
                    while guess + step < hi && before(values[guess + step]) {
                        lo = guess + step + 1
                        step <<= 1
                    }
                    hi = min(hi, guess + step)
                } else {
                    hi = guess
                    var step = 1
                    while guess - step >= lo && !before(values[guess - step]) {
                        hi = guess - step
                        step <<= 1
                    }
                    lo = max(lo, guess - step + 1)
                }
            }
            var count = hi - lo
            while count > 0 {
                let half = count >> 1
                if before(values[lo + half]) {
                    lo += half + 1
                    count -= half + 1
                } else {
                    count = half
                }
            }
            return lo
        }
    }

    /// The partner of `value` in `group`, and its distance, or `nil` when there is none within
    /// `tolerance`.
    @inline(__always)
    func search(group: Int, _ value: Value, direction: AsofDirection, tolerance: Value.Gap?) -> (
        row: Int32, gap: Value.Gap
    )? {
        let low = start[group]
        let high = start[group + 1]
        guard low < high else { return nil }
        var backward: (row: Int32, gap: Value.Gap)?
        var forward: (row: Int32, gap: Value.Gap)?
        if direction != .forward {
            // The first position past every value <= `value`.
            let past = bound(value, low, high, inclusive: true)
            if past > low { backward = (rows[past - 1], Value.gap(value, values[past - 1])) }
        }
        if direction != .backward {
            // The first position whose value is >= `value`.
            let first = bound(value, low, high, inclusive: false)
            if first < high {
                var position = first
                if direction == .nearest {
                    // Of equal times the nearest join takes the last, as polars does.
                    position = bound(values[first], first, high, inclusive: true) - 1
                }
                forward = (rows[position], Value.gap(value, values[position]))
            }
        }
        var best: (row: Int32, gap: Value.Gap)?
        switch (backward, forward) {
        case (let b?, let f?): best = f.gap <= b.gap ? f : b
        case (let b?, nil): best = b
        case (nil, let f?): best = f
        case (nil, nil): best = nil
        }
        if let found = best, let tolerance, found.gap > tolerance { return nil }
        return best
    }
}
