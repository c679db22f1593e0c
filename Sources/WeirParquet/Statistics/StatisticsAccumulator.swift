/// Gathers the null count and the min and max of the values of one column chunk, in the column's
/// ``StatisticsOrder``.
///
/// Values arrive in slices (a dictionary's entries, then plain pages); ``finish()`` returns the
/// bounds PLAIN-encoded as the `Statistics` of the column metadata carry them.
struct StatisticsAccumulator {
    /// Bounds longer than this are left out, as large values make the footer heavy and
    /// readers gain little from them.
    static let maxValueSize = 4096

    let order: StatisticsOrder
    var nullCount = 0
    private var bounds: Bounds?

    private enum Bounds {
        case boolean(Bool, Bool)
        case int32(Int32, Int32)
        case int64(Int64, Int64)
        case float(Float, Float)
        case double(Double, Double)
        case bytes([UInt8], [UInt8])
    }

    init(order: StatisticsOrder) {
        self.order = order
    }

    mutating func add(booleans values: UnsafeBufferPointer<Bool>, validity: UnsafeBufferPointer<Bool>?) {
        var sawFalse = false
        var sawTrue = false
        for index in values.indices {
            if let validity, !validity[index] { continue }
            if values[index] { sawTrue = true } else { sawFalse = true }
        }
        guard sawFalse || sawTrue else { return }
        merge(.boolean(!sawFalse, sawTrue))
    }

    mutating func add(int32 values: UnsafeBufferPointer<Int32>, validity: UnsafeBufferPointer<Bool>?) {
        if order == .unsigned {
            values.withMemoryRebound(to: UInt32.self) { unsigned in
                if let (low, high) = Self.range(unsigned, validity: validity) {
                    merge(.int32(Int32(bitPattern: low), Int32(bitPattern: high)))
                }
            }
        } else if let (low, high) = Self.range(values, validity: validity) {
            merge(.int32(low, high))
        }
    }

    mutating func add(int64 values: UnsafeBufferPointer<Int64>, validity: UnsafeBufferPointer<Bool>?) {
        if order == .unsigned {
            values.withMemoryRebound(to: UInt64.self) { unsigned in
                if let (low, high) = Self.range(unsigned, validity: validity) {
                    merge(.int64(Int64(bitPattern: low), Int64(bitPattern: high)))
                }
            }
        } else if let (low, high) = Self.range(values, validity: validity) {
            merge(.int64(low, high))
        }
    }

    mutating func add(float values: UnsafeBufferPointer<Float>, validity: UnsafeBufferPointer<Bool>?) {
        if let (low, high) = Self.floatRange(values, validity: validity) { merge(.float(low, high)) }
    }

    mutating func add(double values: UnsafeBufferPointer<Double>, validity: UnsafeBufferPointer<Bool>?) {
        if let (low, high) = Self.floatRange(values, validity: validity) { merge(.double(low, high)) }
    }

    /// Adds byte arrays; value `i` is `data[offsets[i]..<offsets[i + 1]]`.
    mutating func add(
        offsets: UnsafeBufferPointer<Int>,
        data: UnsafeRawBufferPointer,
        validity: UnsafeBufferPointer<Bool>?
    ) {
        let decimal = order == .decimalBytes
        let base = data.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        func value(_ index: Int) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(start: base + offsets[index], count: offsets[index + 1] - offsets[index])
        }
        var low = -1
        var high = -1
        for index in 0..<(offsets.count - 1) {
            if let validity, !validity[index] { continue }
            if low < 0 {
                low = index
                high = index
                continue
            }
            let candidate = value(index)
            if StatisticsOrder.less(candidate, value(low), decimal: decimal) { low = index }
            if StatisticsOrder.less(value(high), candidate, decimal: decimal) { high = index }
        }
        guard low >= 0 else { return }
        merge(.bytes(Array(value(low)), Array(value(high))))
    }

    /// Adds fixed-length byte arrays of `width` bytes stored back to back.
    mutating func add(fixed data: UnsafeRawBufferPointer, width: Int, validity: UnsafeBufferPointer<Bool>?) {
        let count = width == 0 ? 0 : data.count / width
        let offsets = (0...count).map { $0 * width }
        offsets.withUnsafeBufferPointer { add(offsets: $0, data: data, validity: validity) }
    }

    private static func range<T: FixedWidthInteger>(
        _ values: UnsafeBufferPointer<T>,
        validity: UnsafeBufferPointer<Bool>?
    ) -> (T, T)? {
        var low = T.max
        var high = T.min
        var any = false
        if let validity {
            for index in values.indices where validity[index] {
                low = min(low, values[index])
                high = max(high, values[index])
                any = true
            }
        } else {
            for value in values {
                low = min(low, value)
                high = max(high, value)
            }
            any = !values.isEmpty
        }
        return any ? (low, high) : nil
    }

    /// The bounds of the non-NaN values, `nil` when there are none.
    private static func floatRange<T: BinaryFloatingPoint>(
        _ values: UnsafeBufferPointer<T>,
        validity: UnsafeBufferPointer<Bool>?
    ) -> (T, T)? {
        // Comparisons with NaN are false, so NaNs never replace a bound; if no value other than
        // NaN was seen the bounds stay crossed.
        var low = T.infinity
        var high = -T.infinity
        if let validity {
            for index in values.indices where validity[index] {
                let value = values[index]
                if value < low { low = value }
                if value > high { high = value }
            }
        } else {
            for value in values {
                if value < low { low = value }
                if value > high { high = value }
            }
        }
        return low <= high ? (low, high) : nil
    }

    private mutating func merge(_ new: Bounds) {
        guard let current = bounds else {
            bounds = new
            return
        }
        let unsigned = order == .unsigned
        switch (current, new) {
        case (.boolean(let a, let b), .boolean(let c, let d)):
            bounds = .boolean(a && c, b || d)
        case (.int32(let a, let b), .int32(let c, let d)):
            bounds =
                unsigned
                ? .int32(
                    UInt32(bitPattern: c) < UInt32(bitPattern: a) ? c : a,
                    UInt32(bitPattern: d) > UInt32(bitPattern: b) ? d : b)
                : .int32(min(a, c), max(b, d))
        case (.int64(let a, let b), .int64(let c, let d)):
            bounds =
                unsigned
                ? .int64(
                    UInt64(bitPattern: c) < UInt64(bitPattern: a) ? c : a,
                    UInt64(bitPattern: d) > UInt64(bitPattern: b) ? d : b)
                : .int64(min(a, c), max(b, d))
        case (.float(let a, let b), .float(let c, let d)):
            bounds = .float(min(a, c), max(b, d))
        case (.double(let a, let b), .double(let c, let d)):
            bounds = .double(min(a, c), max(b, d))
        case (.bytes(let a, let b), .bytes(let c, let d)):
            let decimal = order == .decimalBytes
            let low = c.withUnsafeBytes { c in a.withUnsafeBytes { StatisticsOrder.less(c, $0, decimal: decimal) } }
            let high = b.withUnsafeBytes { b in d.withUnsafeBytes { StatisticsOrder.less(b, $0, decimal: decimal) } }
            bounds = .bytes(low ? c : a, high ? d : b)
        default:
            preconditionFailure("statistics of one column chunk mix physical types")
        }
    }

    /// The null count and the PLAIN-encoded bounds; `min` and `max` are `nil` when no non-null,
    /// non-NaN value was seen or a bound is longer than ``maxValueSize``.
    func finish() -> ChunkStatistics {
        var result = ChunkStatistics(nullCount: nullCount, min: nil, max: nil, isSigned: order.isSigned)
        guard let bounds else { return result }
        switch bounds {
        case .boolean(let low, let high):
            result.min = [low ? 1 : 0]
            result.max = [high ? 1 : 0]
        case .int32(let low, let high):
            result.min = Self.littleEndian(low)
            result.max = Self.littleEndian(high)
        case .int64(let low, let high):
            result.min = Self.littleEndian(low)
            result.max = Self.littleEndian(high)
        case .float(let low, let high):
            // The specification writes a zero min as -0.0 and a zero max as +0.0.
            result.min = Self.littleEndian((low == 0 ? -Float(0) : low).bitPattern)
            result.max = Self.littleEndian((high == 0 ? Float(0) : high).bitPattern)
        case .double(let low, let high):
            result.min = Self.littleEndian((low == 0 ? -Double(0) : low).bitPattern)
            result.max = Self.littleEndian((high == 0 ? Double(0) : high).bitPattern)
        case .bytes(let low, let high):
            if low.count <= Self.maxValueSize && high.count <= Self.maxValueSize {
                result.min = low
                result.max = high
            }
        }
        return result
    }

    private static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}

/// The statistics of one column chunk, ready for the column metadata.
struct ChunkStatistics: Sendable, Hashable {
    var nullCount: Int
    /// PLAIN-encoded bounds (without a length prefix for byte arrays).
    var min: [UInt8]?
    var max: [UInt8]?
    /// Whether the deprecated signed `min`/`max` fields may repeat the bounds.
    var isSigned: Bool
}
