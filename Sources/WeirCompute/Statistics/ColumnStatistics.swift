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
