import WeirColumns

/// Builds a column row by row, copying values from columns of the same field type.
public struct ColumnBuilder {
    public let field: Field
    private var storage: ColumnStorage
    /// `nil` while every appended row has a value.
    private var validity: [Bool]?
    private var count = 0

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
        case .bytes, .fixedBytes: break
        }
    }

    private mutating func mutate<T>(_ values: inout [T], _ rows: Int, _ wrap: ([T]) -> ColumnStorage) {
        storage = .boolean([])
        values.reserveCapacity(rows)
        storage = wrap(values)
    }

    /// Appends row `row` of `column`, which must have this builder's storage kind.
    public mutating func append(from column: Column, row: Int) {
        if column.isNull(row) {
            appendNull()
            return
        }
        let valid = validity != nil
        // Take the storage out so that appending does not copy it.
        var taken = storage
        storage = .boolean([])
        switch (taken, column.storage) {
        case (.boolean(var values), .boolean(let source)):
            taken = .boolean([])
            values.append(source[row])
            taken = .boolean(values)
        case (.int32(var values), .int32(let source)):
            taken = .boolean([])
            values.append(source[row])
            taken = .int32(values)
        case (.int64(var values), .int64(let source)):
            taken = .boolean([])
            values.append(source[row])
            taken = .int64(values)
        case (.float(var values), .float(let source)):
            taken = .boolean([])
            values.append(source[row])
            taken = .float(values)
        case (.double(var values), .double(let source)):
            taken = .boolean([])
            values.append(source[row])
            taken = .double(values)
        case (.bytes(var values), .bytes(let source)):
            taken = .boolean([])
            let start = source.offsets[row]
            let end = source.offsets[row + 1]
            values.data.append(contentsOf: source.data[start..<end])
            values.offsets.append(values.data.count)
            taken = .bytes(values)
        case (.fixedBytes(let width, var data), .fixedBytes(_, let source)):
            taken = .boolean([])
            data.append(contentsOf: source[(row * width)..<((row + 1) * width)])
            taken = .fixedBytes(width: width, data: data)
        default:
            preconditionFailure("column '\(column.field.name)' has storage \(column.storage.kind), not \(taken.kind)")
        }
        storage = taken
        count += 1
        if valid { validity!.append(true) }
    }

    /// Appends a null row (with a placeholder value in the storage).
    public mutating func appendNull() {
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
        }
        storage = taken
    }

    /// The column built so far; the builder starts again empty.
    public mutating func finish() -> Column {
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
