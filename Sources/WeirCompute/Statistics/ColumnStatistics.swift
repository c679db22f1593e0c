import WeirColumns

/// The count, nulls, minimum and maximum of one column, gathered batch by batch.
///
/// `count` counts every row; `min` and `max` ignore nulls and NaN and are `nil` when no value
/// counts. Text compares in byte order, timestamps by instant.
public struct ColumnStatistics: Sendable, Hashable {
    public var name: String
    public var count = 0
    public var nulls = 0
    public var min: Value?
    public var max: Value?

    public init(name: String) {
        self.name = name
    }

    /// Adds the values of `column`.
    public mutating func add(_ column: Column) {
        count += column.count
        nulls += column.nullCount
        switch column.storage {
        case .double(let values) where column.validity == nil:
            // The common case without nulls, without a `Value` per row.
            var low = Double.infinity
            var high = -Double.infinity
            var any = false
            for value in values where !value.isNaN {
                any = true
                if value < low { low = value }
                if value > high { high = value }
            }
            if any {
                consider(.double(low))
                consider(.double(high))
            }
        case .int64(let values) where column.field.type.ordersAsInt64:
            // Integers and timestamps from the raw values: one `Value` per batch, not per row.
            var low = -1
            var high = -1
            for row in 0..<values.count where !column.isNull(row) {
                if low < 0 || values[row] < values[low] { low = row }
                if high < 0 || values[row] > values[high] { high = row }
            }
            if low >= 0 {
                consider(column.value(at: low))
                consider(column.value(at: high))
            }
        case .bytes(let values) where column.field.type == .string:
            // Text in byte order from the raw bytes.
            var low: Range<Int>?
            var high: Range<Int>?
            values.data.withUnsafeBufferPointer { data in
                for row in 0..<values.count where !column.isNull(row) {
                    let range = values.offsets[row]..<values.offsets[row + 1]
                    if low == nil || data[range].lexicographicallyPrecedes(data[low!]) { low = range }
                    if high == nil || data[high!].lexicographicallyPrecedes(data[range]) { high = range }
                }
            }
            if let low { consider(.string(String(decoding: values.data[low], as: UTF8.self))) }
            if let high { consider(.string(String(decoding: values.data[high], as: UTF8.self))) }
        default:
            for row in 0..<column.count {
                let value = column.value(at: row)
                if case .double(let number) = value, number.isNaN { continue }
                if case .float(let number) = value, number.isNaN { continue }
                consider(value)
            }
        }
    }

    private mutating func consider(_ value: Value) {
        if value.isNull { return }
        if min == nil || ValueOrder.compare(value, min!) == -1 { min = value }
        if max == nil || ValueOrder.compare(value, max!) == 1 { max = value }
    }

    /// The statistics of every column of `stream`, read to its end, in schema order.
    public static func collect(_ stream: inout some BatchStream) throws -> [ColumnStatistics] {
        var statistics = stream.schema.fields.map { ColumnStatistics(name: $0.name) }
        while let batch = try stream.next() {
            for index in statistics.indices { statistics[index].add(batch.columns[index]) }
        }
        return statistics
    }
}

extension ColumnType {
    /// Signed 64-bit integers and timestamps: their raw values order as the values do.
    var ordersAsInt64: Bool {
        switch self {
        case .int(bits: 64, signed: true), .timestamp: true
        default: false
        }
    }
}
