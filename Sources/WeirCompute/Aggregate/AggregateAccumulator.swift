import WeirColumns

/// The running state of one ``Aggregation`` for every group, held column-wise (one array entry
/// per group), updated from input batches and from spilled partial states.
///
/// Values are read as doubles, or as 64-bit integers for the sum, minimum, maximum, first and last
/// of integer, date, timestamp and boolean columns, which keep their exact values; the minimum,
/// maximum, first and last of text are kept as their UTF-8 bytes.
struct AggregateAccumulator {
    let aggregation: Aggregation
    let inputIndex: Int
    let output: Field
    /// Whether values are held as integers rather than doubles.
    let integer: Bool
    /// Whether values are text, held as bytes in `s`.
    let text: Bool
    /// Values that counted, per group.
    var n: [Int64] = []
    /// The sum, the running mean (std), the minimum, maximum, first or last value, as doubles.
    var d: [Double] = []
    /// The same for integer columns.
    var i: [Int64] = []
    /// The sum of squared deviations from the mean (std).
    var m2: [Double] = []
    /// The order value of `first` or `last`.
    var t: [Int64] = []
    /// The minimum, maximum, first or last text value.
    var s: [[UInt8]] = []
    /// The bytes of the values in `s`, for the memory budget.
    var textBytes = 0

    init(_ aggregation: Aggregation, schema: Schema) throws {
        self.aggregation = aggregation
        output = try aggregation.check(against: schema)
        inputIndex = try schema.requireFlatIndex(of: aggregation.column, for: "an aggregation")
        let kind = schema.fields[inputIndex].type.defaultStorageKind
        let exact: Set<AggregateFunction> = [.sum, .min, .max, .first, .last]
        integer = exact.contains(aggregation.function) && [.int32, .int64, .boolean].contains(kind)
        text = aggregation.function != .count && kind == .bytes
    }

    var function: AggregateFunction { aggregation.function }

    /// Bytes per group, besides ``textBytes`` (an array's header for text).
    var bytesPerGroup: Int {
        8 + (text ? 32 : 8) + (function == .std ? 8 : 0) + (function == .first || function == .last ? 8 : 0)
    }

    var groupCount: Int { n.count }

    mutating func addGroups(_ count: Int) {
        n.append(contentsOf: repeatElement(0, count: count))
        switch function {
        case .count: break
        case .min where text, .max where text:
            s.append(contentsOf: repeatElement([], count: count))
        case .sum, .mean, .min, .max:
            if integer {
                i.append(contentsOf: repeatElement(0, count: count))
            } else {
                d.append(contentsOf: repeatElement(0, count: count))
            }
        case .std:
            d.append(contentsOf: repeatElement(0, count: count))
            m2.append(contentsOf: repeatElement(0, count: count))
        case .first, .last:
            if text {
                s.append(contentsOf: repeatElement([], count: count))
            } else if integer {
                i.append(contentsOf: repeatElement(0, count: count))
            } else {
                d.append(contentsOf: repeatElement(0, count: count))
            }
            t.append(contentsOf: repeatElement(0, count: count))
        }
    }

    /// Takes the states of a double sum, mean, minimum or maximum worked out elsewhere
    /// (``FusedDoubleUpdate``): per group, the values that counted and the result so far.
    mutating func setStates(counts: [Int64], values: [Double]) {
        n = counts
        d = values
    }

    mutating func removeAll() {
        n = []
        d = []
        i = []
        m2 = []
        t = []
        s = []
        textBytes = 0
    }

    /// Adds the rows of `batch` to their groups; `order` gives each row's time for first and last.
    mutating func update(_ batch: RecordBatch, groups: [Int], order: [Int64]) throws {
        let column = batch.columns[inputIndex]
        let validity = column.validity
        if function == .count {
            for row in groups.indices where validity?[row] ?? true { n[groups[row]] += 1 }
            return
        }
        if text {
            guard case .bytes(let values) = column.storage else { return }
            updateText(values, validity, groups, order)
        } else if integer {
            try updateIntegers(Self.integers(column.storage), validity, groups, order)
        } else {
            updateDoubles(Self.doubles(column.storage), validity, groups, order)
        }
    }

    private mutating func updateDoubles(_ values: [Double], _ validity: [Bool]?, _ groups: [Int], _ order: [Int64]) {
        switch function {
        case .first, .last:
            for row in groups.indices where validity?[row] ?? true {
                let group = groups[row]
                if n[group] == 0 || later(order[row], values[row], than: t[group], d[group]) {
                    t[group] = order[row]
                    d[group] = values[row]
                }
                n[group] += 1
            }
        case .std:
            for row in groups.indices where validity?[row] ?? true {
                let value = values[row]
                guard !value.isNaN else { continue }
                let group = groups[row]
                n[group] += 1
                let delta = value - d[group]
                d[group] += delta / Double(n[group])
                m2[group] += delta * (value - d[group])
            }
        default:
            // Sums, minima and maxima: the hot loop of a resample, on raw buffers.
            let function = self.function
            n.withUnsafeMutableBufferPointer { n in
                d.withUnsafeMutableBufferPointer { d in
                    values.withUnsafeBufferPointer { values in
                        groups.withUnsafeBufferPointer { groups in
                            for row in 0..<groups.count where validity?[row] ?? true {
                                let value = values[row]
                                guard !value.isNaN else { continue }
                                let group = groups[row]
                                let first = n[group] == 0
                                n[group] += 1
                                switch function {
                                case .min: if first || value < d[group] { d[group] = value }
                                case .max: if first || value > d[group] { d[group] = value }
                                default: d[group] += value
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private mutating func updateIntegers(_ values: [Int64], _ validity: [Bool]?, _ groups: [Int], _ order: [Int64])
        throws
    {
        for row in groups.indices where validity?[row] ?? true {
            let value = values[row]
            let group = groups[row]
            n[group] += 1
            switch function {
            case .sum:
                let (sum, overflow) = i[group].addingReportingOverflow(value)
                if overflow { throw overflowError() }
                i[group] = sum
            case .min: if n[group] == 1 || value < i[group] { i[group] = value }
            case .max: if n[group] == 1 || value > i[group] { i[group] = value }
            case .first, .last:
                if n[group] == 1 || later(order[row], Double(value), than: t[group], Double(i[group])) {
                    t[group] = order[row]
                    i[group] = value
                }
            default: break
            }
        }
    }

    private mutating func updateText(_ values: ByteArrays, _ validity: [Bool]?, _ groups: [Int], _ order: [Int64]) {
        values.data.withUnsafeBufferPointer { data in
            for row in groups.indices where validity?[row] ?? true {
                let group = groups[row]
                let value = UnsafeBufferPointer(rebasing: data[values.offsets[row]..<values.offsets[row + 1]])
                let time = function == .first || function == .last ? order[row] : 0
                if n[group] == 0 || replaces(value, at: time, group) { keep(value, at: time, in: group) }
                n[group] += 1
            }
        }
    }

    /// Whether the text `value` (at `time`, for first and last) replaces the one kept for `group`.
    @inline(__always)
    func replaces(_ value: UnsafeBufferPointer<UInt8>, at time: Int64, _ group: Int) -> Bool {
        switch function {
        case .first, .last:
            if time != t[group] { return function == .first ? time < t[group] : time > t[group] }
            // At the same time the smaller text for first, the larger for last, as for numbers.
            let order = s[group].withUnsafeBufferPointer { EncodedKeys.compare(value, $0) }
            return function == .first ? order < 0 : order > 0
        default:
            let order = s[group].withUnsafeBufferPointer { EncodedKeys.compare(value, $0) }
            return function == .min ? order < 0 : order > 0
        }
    }

    /// Keeps the text `value` (and its `time`) as `group`'s.
    @inline(__always)
    mutating func keep(_ value: UnsafeBufferPointer<UInt8>, at time: Int64, in group: Int) {
        textBytes += value.count - s[group].count
        s[group] = Array(value)
        if function == .first || function == .last { t[group] = time }
    }

    /// Whether a value at `time` replaces the one kept at `keptTime`: earlier for first, later for
    /// last; at the same time the smaller value for first and the larger for last, so the result
    /// does not depend on the order rows arrive in.
    @inline(__always)
    func later(_ time: Int64, _ value: Double, than keptTime: Int64, _ kept: Double) -> Bool {
        if time != keptTime { return function == .first ? time < keptTime : time > keptTime }
        let a = KeyEncoder.orderable(value)
        let b = KeyEncoder.orderable(kept)
        return function == .first ? a < b : a > b
    }

    private func overflowError() -> ComputeError {
        ComputeError(
            .invalidInput,
            "The sum of the integer column '\(aggregation.column)' overflows 64 bits. Please cast the column to "
                + "double before aggregating it.")
    }

    static func doubles(_ storage: ColumnStorage) -> [Double] {
        switch storage {
        case .double(let values): values
        case .float(let values): values.map(Double.init)
        case .int64(let values): values.map(Double.init)
        case .int32(let values): values.map(Double.init)
        case .boolean(let values): values.map { $0 ? 1 : 0 }
        case .bytes, .fixedBytes, .list, .structure, .map: []
        }
    }

    static func integers(_ storage: ColumnStorage) -> [Int64] {
        switch storage {
        case .int64(let values): values
        case .int32(let values): values.map(Int64.init)
        case .boolean(let values): values.map { $0 ? 1 : 0 }
        case .double, .float, .bytes, .fixedBytes, .list, .structure, .map: []
        }
    }
}
