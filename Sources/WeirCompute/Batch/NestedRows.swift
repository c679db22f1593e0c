import WeirColumns

/// The rows a ``ColumnBuilder`` of a nested field collects: runs of rows taken from one source
/// column each, gathered from their sources only when the column is finished.
struct NestedRows {
    private var parts: [Column] = []
    private var source: Column?
    private var rows: [Int] = []

    /// Appends row `row` of `column`.
    mutating func append(_ column: Column, row: Int) {
        if let current = source, !Self.sameStorage(current, column) { flush() }
        if source == nil { source = column }
        rows.append(row)
    }

    /// Appends a null row of `field`.
    mutating func appendNull(_ field: Field) {
        flush()
        parts.append(.nulls(field, count: 1))
    }

    /// The rows appended so far as one column; the collection starts again empty.
    mutating func finish(_ field: Field) -> Column {
        flush()
        let column = parts.isEmpty ? Column.empty(field) : Column.concatenate(parts, as: parts[0].field)
        parts = []
        var result = column
        if result.validity != nil { result.field.nullable = true }
        return result
    }

    private mutating func flush() {
        guard let current = source else { return }
        parts.append(current.gather(rows))
        source = nil
        rows = []
    }

    /// Whether two columns share their storage (copies of one column), told by the address of
    /// their offsets or first field, without comparing values.
    private static func sameStorage(_ a: Column, _ b: Column) -> Bool {
        guard a.count == b.count else { return false }
        return identity(a.storage) == identity(b.storage)
    }

    private static func identity(_ storage: ColumnStorage) -> UnsafeRawPointer? {
        switch storage {
        case .list(let offsets, _), .map(let offsets, _, _):
            return offsets.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        case .structure(_, let fields):
            return fields.first.flatMap { first in first.validity?.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } ?? identity(first.storage) }
        case .int32(let values): return values.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        case .int64(let values): return values.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        case .double(let values): return values.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        case .float(let values): return values.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        case .boolean(let values): return values.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        case .bytes(let values): return values.offsets.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        case .fixedBytes(_, let data): return data.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        }
    }
}
