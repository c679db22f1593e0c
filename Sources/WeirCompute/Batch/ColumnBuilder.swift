import WeirColumns

/// Builds a column row by row, copying values from columns of the same field type.
public struct ColumnBuilder {
    public let field: Field
    private var storage: ColumnStorage
    /// `nil` while every appended row has a value.
    private var validity: [Bool]?
    private var count = 0
    /// For a nested field: the rows appended so far, as runs of rows of one source column each.
    private var nested = NestedRows()

    /// A builder of `field`'s default storage, or of `kind` when a source column stores it otherwise.
    public init(field: Field, kind: ColumnStorage.Kind? = nil, width: Int = 0, capacity: Int = 0) {
        self.field = field
        var width = width
        if case .fixedBinary(let fixed) = field.type { width = fixed }
        storage = .empty(kind ?? field.type.defaultStorageKind, width: width)
        reserve(capacity)
    }

    /// A builder for rows of `column`, in its storage.
    public init(like column: Column, capacity: Int = 0) {
        var width = 0
        if case .fixedBytes(let fixed, _) = column.storage { width = fixed }
        self.init(field: column.field, kind: column.storage.kind, width: width, capacity: capacity)
    }

    public var rowCount: Int { count }

    /// About how many bytes the rows appended so far take.
    public var memorySize: Int {
        Column(field: field, storage: storage).memorySize + (validity?.count ?? 0)
    }

    public mutating func reserve(_ rows: Int) {
        guard rows > 0 else { return }
        switch storage {
        case .boolean(var values): mutate(&values, rows) { .boolean($0) }
        case .int32(var values): mutate(&values, rows) { .int32($0) }
        case .int64(var values): mutate(&values, rows) { .int64($0) }
        case .float(var values): mutate(&values, rows) { .float($0) }
        case .double(var values): mutate(&values, rows) { .double($0) }
        case .bytes, .fixedBytes, .list, .structure, .map: break
        }
    }

    private mutating func mutate<T>(_ values: inout [T], _ rows: Int, _ wrap: ([T]) -> ColumnStorage) {
        storage = .boolean([])
        values.reserveCapacity(rows)
        storage = wrap(values)
    }

    /// Appends row `row` of `column`, which must have this builder's storage kind.
    public mutating func append(from column: Column, row: Int) {
        if field.type.isNested {
            nested.append(column, row: row)
            count += 1
            return
        }
        if column.isNull(row) {
            appendNull()
            return
        }
        // Take the storage out, and match it alone (not in a tuple that would hold a second
        // reference), so that appending does not copy it.
        var taken = storage
        storage = .boolean([])
        let source = column.storage
        switch taken {
        case .boolean(var values):
            taken = .boolean([])
            guard case .boolean(let from) = source else { mismatch(column) }
            values.append(from[row])
            taken = .boolean(values)
        case .int32(var values):
            taken = .boolean([])
            guard case .int32(let from) = source else { mismatch(column) }
            values.append(from[row])
            taken = .int32(values)
        case .int64(var values):
            taken = .boolean([])
            guard case .int64(let from) = source else { mismatch(column) }
            values.append(from[row])
            taken = .int64(values)
        case .float(var values):
            taken = .boolean([])
            guard case .float(let from) = source else { mismatch(column) }
            values.append(from[row])
            taken = .float(values)
        case .double(var values):
            taken = .boolean([])
            guard case .double(let from) = source else { mismatch(column) }
            values.append(from[row])
            taken = .double(values)
        case .bytes(var values):
            taken = .boolean([])
            guard case .bytes(let from) = source else { mismatch(column) }
            from.data.withUnsafeBytes { raw in
                values.append(UnsafeRawBufferPointer(rebasing: raw[from.offsets[row]..<from.offsets[row + 1]]))
            }
            taken = .bytes(values)
        case .fixedBytes(let width, var data):
            taken = .boolean([])
            guard case .fixedBytes(_, let from) = source else { mismatch(column) }
            data.append(contentsOf: from[(row * width)..<((row + 1) * width)])
            taken = .fixedBytes(width: width, data: data)
        case .list, .structure, .map:
            preconditionFailure("nested rows are appended through `nested`")
        }
        storage = taken
        count += 1
        if validity != nil { validity!.append(true) }
    }

    private func mismatch(_ column: Column) -> Never {
        preconditionFailure("column '\(column.field.name)' has storage \(column.storage.kind), not \(storage.kind)")
    }

    /// Appends a null row (with a placeholder value in the storage).
    public mutating func appendNull() {
        if field.type.isNested {
            nested.appendNull(field)
            count += 1
            return
        }
        if validity == nil { validity = Array(repeating: true, count: count) }
        validity!.append(false)
        count += 1
        var taken = storage
        storage = .boolean([])
        switch taken {
        case .boolean(var values):
            taken = .boolean([])
            values.append(false)
            taken = .boolean(values)
        case .int32(var values):
            taken = .boolean([])
            values.append(0)
            taken = .int32(values)
        case .int64(var values):
            taken = .boolean([])
            values.append(0)
            taken = .int64(values)
        case .float(var values):
            taken = .boolean([])
            values.append(0)
            taken = .float(values)
        case .double(var values):
            taken = .boolean([])
            values.append(0)
            taken = .double(values)
        case .bytes(var values):
            taken = .boolean([])
            values.appendEmpty()
            taken = .bytes(values)
        case .fixedBytes(let width, var data):
            taken = .boolean([])
            data.append(contentsOf: repeatElement(0, count: width))
            taken = .fixedBytes(width: width, data: data)
        case .list, .structure, .map:
            preconditionFailure("nested rows are appended through `nested`")
        }
        storage = taken
    }

    /// The column built so far; the builder starts again empty.
    public mutating func finish() -> Column {
        if field.type.isNested {
            let column = nested.finish(field)
            count = 0
            return column
        }
        var field = self.field
        if validity != nil { field.nullable = true }
        let column = Column(field: field, storage: storage, validity: validity)
        var width = 0
        if case .fixedBytes(let fixed, _) = storage { width = fixed }
        storage = .empty(storage.kind, width: width)
        validity = nil
        count = 0
        return column
    }
}
