import WeirColumns

extension RecordBatch {
    /// An empty batch of `schema`.
    public static func empty(_ schema: Schema) -> RecordBatch {
        RecordBatch(schema: schema, columns: schema.fields.map { Column.empty($0) })
    }

    /// The rows of `batches`, one after another; columns keep the storage of the first batch.
    public static func concatenate(_ batches: [RecordBatch], schema: Schema) -> RecordBatch {
        guard let first = batches.first else { return .empty(schema) }
        if batches.count == 1 { return first }
        let rows = batches.reduce(0) { $0 + $1.rowCount }
        var columns: [Column] = []
        for index in first.columns.indices {
            let parts = batches.map { $0.columns[index] }
            if let whole = Column.joining(parts, rows: rows) {
                columns.append(whole)
                continue
            }
            var builder = ColumnBuilder(like: first.columns[index], capacity: rows)
            for column in parts {
                for row in 0..<column.count { builder.append(from: column, row: row) }
            }
            columns.append(builder.finish())
        }
        return RecordBatch(schema: first.schema, columns: columns)
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

    /// The columns named `names`, in that order.
    /// - Throws: `ComputeError` naming an unknown column and the ones the batch has.
    public func project(_ names: [String]) throws -> RecordBatch {
        let indices = try names.map { try schema.requireIndex(of: $0) }
        return RecordBatch(columns: indices.map { columns[$0] })
    }

    /// About how many bytes the batch's values take in memory.
    public var memorySize: Int { columns.reduce(0) { $0 + $1.memorySize } }
}

extension Schema {
    /// The index of `name`.
    /// - Throws: `ComputeError` naming the unknown column and the ones the schema has.
    public func requireIndex(of name: String) throws -> Int {
        guard let index = index(of: name) else {
            let known = fields.map { "'\($0.name)'" }.joined(separator: ", ")
            throw ComputeError(
                .invalidArgument, "There is no column '\(name)'. Please use one of the input's columns: \(known).")
        }
        return index
    }
}

extension Column {
    /// An empty column of `field`.
    public static func empty(_ field: Field) -> Column {
        var width = 0
        if case .fixedBinary(let fixed) = field.type { width = fixed }
        return Column(field: field, storage: .empty(field.type.defaultStorageKind, width: width))
    }

    /// A column of `count` nulls of `field`'s type.
    public static func nulls(_ field: Field, count: Int) -> Column {
        var builder = ColumnBuilder(field: field, capacity: count)
        for _ in 0..<count { builder.appendNull() }
        return builder.finish()
    }

    /// About how many bytes the column's values take in memory.
    public var memorySize: Int {
        let flags = validity?.count ?? 0
        switch storage {
        case .boolean(let values): return values.count + flags
        case .int32(let values): return values.count * 4 + flags
        case .int64(let values): return values.count * 8 + flags
        case .float(let values): return values.count * 4 + flags
        case .double(let values): return values.count * 8 + flags
        case .bytes(let values): return values.data.count + values.offsets.count * 8 + flags
        case .fixedBytes(_, let data): return data.count + flags
        }
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
            var gathered = ByteArrays()
            var total = 0
            for index in indices { total += values.offsets[index + 1] - values.offsets[index] }
            gathered.reserve(values: indices.count, bytes: total)
            values.data.withUnsafeBytes { raw in
                for index in indices {
                    gathered.append(
                        UnsafeRawBufferPointer(rebasing: raw[values.offsets[index]..<values.offsets[index + 1]]))
                }
            }
            storage = .bytes(gathered)
        case .fixedBytes(let width, let data):
            var gathered: [UInt8] = []
            gathered.reserveCapacity(indices.count * width)
            for index in indices { gathered.append(contentsOf: data[(index * width)..<((index + 1) * width)]) }
            storage = .fixedBytes(width: width, data: gathered)
        }
        let allValid = validity?.allSatisfy { $0 } ?? true
        return Column(field: field, storage: storage, validity: allValid ? nil : validity)
    }
}

extension Column {
    /// The values of `parts` (of one storage kind) one after another, copied a column at a time;
    /// `nil` when their storage kinds differ.
    static func joining(_ parts: [Column], rows: Int) -> Column? {
        guard let first = parts.first, parts.allSatisfy({ $0.storage.kind == first.storage.kind }) else { return nil }
        var validity: [Bool]?
        if parts.contains(where: { $0.validity != nil }) {
            var flags: [Bool] = []
            flags.reserveCapacity(rows)
            for part in parts { flags += part.validity ?? [Bool](repeating: true, count: part.count) }
            validity = flags
        }
        func join<T>(_ extract: (ColumnStorage) -> [T]?) -> [T]? {
            var values: [T] = []
            values.reserveCapacity(rows)
            for part in parts {
                guard let more = extract(part.storage) else { return nil }
                values += more
            }
            return values
        }
        let storage: ColumnStorage?
        switch first.storage {
        case .boolean: storage = join { if case .boolean(let v) = $0 { v } else { nil } }.map { .boolean($0) }
        case .int32: storage = join { if case .int32(let v) = $0 { v } else { nil } }.map { .int32($0) }
        case .int64: storage = join { if case .int64(let v) = $0 { v } else { nil } }.map { .int64($0) }
        case .float: storage = join { if case .float(let v) = $0 { v } else { nil } }.map { .float($0) }
        case .double: storage = join { if case .double(let v) = $0 { v } else { nil } }.map { .double($0) }
        case .bytes:
            var data: [UInt8] = []
            var offsets: [Int] = [0]
            offsets.reserveCapacity(rows + 1)
            for part in parts {
                guard case .bytes(let values) = part.storage else { return nil }
                let base = data.count - values.offsets[0]
                data += values.data[values.offsets[0]..<values.offsets[values.count]]
                offsets += values.offsets.dropFirst().map { $0 + base }
            }
            storage = .bytes(ByteArrays(offsets: offsets, data: data))
        case .fixedBytes(let width, _):
            storage = join { if case .fixedBytes(_, let v) = $0 { v } else { nil } }.map {
                .fixedBytes(width: width, data: $0)
            }
        }
        return storage.map { Column(field: first.field, storage: $0, validity: validity) }
    }
}
