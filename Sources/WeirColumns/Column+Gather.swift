extension Column {
    /// An empty column of `field`, in its type's default storage.
    public static func empty(_ field: Field) -> Column {
        if field.type.isNested { return nulls(field, count: 0, keepingNullability: true) }
        var width = 0
        if case .fixedBinary(let fixed) = field.type { width = fixed }
        return Column(field: field, storage: .empty(field.type.defaultStorageKind, width: width))
    }

    /// A column of `count` nulls of `field`'s type (made nullable).
    public static func nulls(_ field: Field, count: Int) -> Column {
        nulls(field, count: count, keepingNullability: false)
    }

    private static func nulls(_ field: Field, count: Int, keepingNullability: Bool) -> Column {
        var nullable = field
        nullable.nullable = keepingNullability ? field.nullable : true
        let storage: ColumnStorage
        switch field.type {
        case .list(let element):
            storage = .list(offsets: Array(repeating: 0, count: count + 1), elements: .empty(element))
        case .structure(let fields):
            // A null struct's fields are null too, whatever their declared nullability.
            storage = .structure(count: count, fields: fields.map { nulls($0, count: count) })
        case .map(let key, let value):
            storage = .map(offsets: Array(repeating: 0, count: count + 1), keys: .empty(key), values: .empty(value))
        default:
            storage = flatNulls(field, count: count)
        }
        return Column(
            field: nullable, storage: storage,
            validity: keepingNullability ? nil : Array(repeating: false, count: count))
    }

    private static func flatNulls(_ field: Field, count: Int) -> ColumnStorage {
        let storage: ColumnStorage
        switch field.type.defaultStorageKind {
        case .boolean: storage = .boolean(Array(repeating: false, count: count))
        case .int32: storage = .int32(Array(repeating: 0, count: count))
        case .int64: storage = .int64(Array(repeating: 0, count: count))
        case .float: storage = .float(Array(repeating: 0, count: count))
        case .double: storage = .double(Array(repeating: 0, count: count))
        case .bytes: storage = .bytes(ByteArrays(offsets: Array(repeating: 0, count: count + 1), data: []))
        case .fixedBytes:
            // A decimal wider than 18 digits has no width in its type; 16 bytes hold any of them.
            var width = 16
            if case .fixedBinary(let fixed) = field.type { width = fixed }
            storage = .fixedBytes(width: width, data: Array(repeating: 0, count: count * width))
        case .list, .structure, .map:
            storage = .structure(count: count, fields: [])
        }
        return storage
    }

    /// The rows at `indices`, in that order.
    public func gather(_ indices: [Int]) -> Column {
        let validity = self.validity.map { flags in indices.map { flags[$0] } }
        let storage: ColumnStorage
        switch self.storage {
        case .boolean(let values): storage = .boolean(indices.map { values[$0] })
        case .int32(let values): storage = .int32(indices.map { values[$0] })
        case .int64(let values): storage = .int64(indices.map { values[$0] })
        case .float(let values): storage = .float(indices.map { values[$0] })
        case .double(let values): storage = .double(indices.map { values[$0] })
        case .bytes(let values):
            storage = .bytes(Self.gather(values, indices))
        case .fixedBytes(let width, let data):
            let ranges = indices.map { ($0 * width)..<(($0 + 1) * width) }
            storage = .fixedBytes(width: width, data: Self.copy(ranges, of: data, total: indices.count * width))
        case .list(let offsets, let elements):
            let (newOffsets, children) = Self.gatherRanges(offsets, indices)
            storage = .list(offsets: newOffsets, elements: elements.gather(children))
        case .structure(_, let fields):
            storage = .structure(count: indices.count, fields: fields.map { $0.gather(indices) })
        case .map(let offsets, let keys, let values):
            let (newOffsets, children) = Self.gatherRanges(offsets, indices)
            storage = .map(offsets: newOffsets, keys: keys.gather(children), values: values.gather(children))
        }
        return Column(field: field, storage: storage, validity: validity?.allSatisfy { $0 } == true ? nil : validity)
    }

    /// The offsets of the lists at `indices` (empty for a negative index), and the child rows
    /// they take, in order.
    static func gatherRanges(_ offsets: [Int], _ indices: [Int]) -> (offsets: [Int], children: [Int]) {
        var gathered: [Int] = [0]
        gathered.reserveCapacity(indices.count + 1)
        var total = 0
        for index in indices {
            if index >= 0 { total += offsets[index + 1] - offsets[index] }
            gathered.append(total)
        }
        var children: [Int] = []
        children.reserveCapacity(total)
        for index in indices where index >= 0 {
            children.append(contentsOf: offsets[index]..<offsets[index + 1])
        }
        return (gathered, children)
    }

    /// The byte strings at `indices`, copied with one pass over raw memory.
    static func gather(_ values: ByteArrays, _ indices: [Int]) -> ByteArrays {
        var offsets: [Int] = [0]
        offsets.reserveCapacity(indices.count + 1)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(indices.count)
        var total = 0
        for index in indices {
            let range = values.offsets[index]..<values.offsets[index + 1]
            total += range.count
            offsets.append(total)
            ranges.append(range)
        }
        return ByteArrays(offsets: offsets, data: copy(ranges, of: values.data, total: total))
    }

    /// The bytes of `ranges` of `data`, back to back; `total` is the sum of their lengths.
    public static func copy(_ ranges: [Range<Int>], of data: [UInt8], total: Int) -> [UInt8] {
        data.withUnsafeBufferPointer { source in
            [UInt8](unsafeUninitializedCapacity: total) { target, initialized in
                var position = 0
                for range in ranges where !range.isEmpty {
                    _ = UnsafeMutableBufferPointer(rebasing: target[position..<(position + range.count)])
                        .initialize(from: source[range])
                    position += range.count
                }
                initialized = position
            }
        }
    }
}

extension RecordBatch {
    /// An empty batch of `schema`.
    public static func empty(_ schema: Schema) -> RecordBatch {
        RecordBatch(schema: schema, columns: schema.fields.map(Column.empty))
    }

    /// The rows at `indices`, in that order.
    public func gather(_ indices: [Int]) -> RecordBatch {
        RecordBatch(schema: schema, columns: columns.map { $0.gather(indices) })
    }

    /// Rows `range`.
    public func slice(_ range: Range<Int>) -> RecordBatch {
        if range == 0..<rowCount { return self }
        return gather(Array(range))
    }
}
