import WeirColumns

/// A value an as-of join orders by, with the distance between two of them.
protocol AsofValue: Comparable, Sendable {
    associatedtype Gap: Comparable & Sendable
    /// The distance between `a` and `b`, never negative.
    static func gap(_ a: Self, _ b: Self) -> Gap
}

extension Int64: AsofValue {
    @inline(__always)
    static func gap(_ a: Int64, _ b: Int64) -> UInt64 {
        a >= b ? UInt64(bitPattern: a &- b) : UInt64(bitPattern: b &- a)
    }
}

extension Double: AsofValue {
    @inline(__always)
    static func gap(_ a: Double, _ b: Double) -> Double { abs(a - b) }
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
        var counts = [Int](repeating: 0, count: groupCount + 1)
        for row in groups.indices where groups[row] >= 0 && (present?[row] ?? true) {
            counts[Int(groups[row]) + 1] += 1
        }
        for group in 0..<groupCount { counts[group + 1] += counts[group] }
        start = counts
        var next = counts
        var order = [Int32](repeating: 0, count: counts[groupCount])
        for row in groups.indices where groups[row] >= 0 && (present?[row] ?? true) {
            order[next[Int(groups[row])]] = Int32(row)
            next[Int(groups[row])] += 1
        }
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
        rows = order
        self.values = order.map { values[Int($0)] }
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
            var lo = low
            var hi = high
            while lo < hi {
                let mid = (lo + hi) >> 1
                if values[mid] <= value { lo = mid + 1 } else { hi = mid }
            }
            if lo > low { backward = (rows[lo - 1], Value.gap(value, values[lo - 1])) }
        }
        if direction != .backward {
            // The first position whose value is >= `value`.
            var lo = low
            var hi = high
            while lo < hi {
                let mid = (lo + hi) >> 1
                if values[mid] < value { lo = mid + 1 } else { hi = mid }
            }
            if lo < high {
                var position = lo
                if direction == .nearest {
                    // Of equal times the nearest join takes the last, as polars does.
                    var end = high
                    let found = values[lo]
                    while position + 1 < end {
                        let mid = (position + 1 + end) >> 1
                        if values[mid] <= found { position = mid } else { end = mid }
                    }
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
