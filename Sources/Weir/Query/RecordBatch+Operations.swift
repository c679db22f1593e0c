import WeirColumns

extension Column {
    /// The rows at `indices`, in that order.
    func gather(_ indices: [Int]) -> Column {
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
        }
        return Column(field: field, storage: storage, validity: validity?.allSatisfy { $0 } == true ? nil : validity)
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
    static func copy(_ ranges: [Range<Int>], of data: [UInt8], total: Int) -> [UInt8] {
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

    /// A column of `count` nulls of this column's type.
    static func nulls(_ field: Field, count: Int) -> Column {
        var nullable = field
        nullable.nullable = true
        let storage: ColumnStorage
        switch field.type.defaultStorageKind {
        case .boolean: storage = .boolean(Array(repeating: false, count: count))
        case .int32: storage = .int32(Array(repeating: 0, count: count))
        case .int64: storage = .int64(Array(repeating: 0, count: count))
        case .float: storage = .float(Array(repeating: 0, count: count))
        case .double: storage = .double(Array(repeating: 0, count: count))
        case .bytes: storage = .bytes(ByteArrays(offsets: Array(repeating: 0, count: count + 1), data: []))
        case .fixedBytes:
            let width: Int
            if case .fixedBinary(let w) = field.type { width = w } else { width = 16 }
            storage = .fixedBytes(width: width, data: Array(repeating: 0, count: count * width))
        }
        return Column(field: nullable, storage: storage, validity: Array(repeating: false, count: count))
    }
}

extension RecordBatch {
    /// The rows at `indices`, in that order.
    public func gather(_ indices: [Int]) -> RecordBatch {
        RecordBatch(schema: schema, columns: columns.map { $0.gather(indices) })
    }

    /// Only the named columns, in the order given.
    public func selecting(_ names: [String]) throws(QueryError) -> RecordBatch {
        var selected: [Column] = []
        for name in names { selected.append(try QueryEvaluator.column(name, in: self)) }
        return RecordBatch(columns: selected)
    }

    /// Stacks batches, matching columns by name; a column missing from a batch is null there.
    /// Columns of the same name must have the same type in every batch that has them.
    public static func concatenate(_ batches: [RecordBatch]) throws(BatchConcatenationError) -> RecordBatch {
        var fields: [Field] = []
        var positions: [String: Int] = [:]
        for batch in batches {
            for field in batch.schema.fields {
                if let at = positions[field.name] {
                    guard fields[at].type == field.type else {
                        throw BatchConcatenationError(column: field.name, first: fields[at].type, second: field.type)
                    }
                    fields[at].nullable = fields[at].nullable || field.nullable
                } else {
                    positions[field.name] = fields.count
                    fields.append(field)
                }
            }
        }
        var columns: [Column] = []
        for field in fields {
            var parts: [Column] = []
            for batch in batches where batch.rowCount > 0 || batches.count == 1 {
                parts.append(batch.column(named: field.name) ?? .nulls(field, count: batch.rowCount))
            }
            columns.append(Column.concatenate(parts, as: field))
        }
        return RecordBatch(schema: Schema(fields), columns: columns)
    }
}

extension Column {
    /// Stacks columns of one type (storages of the same kind).
    static func concatenate(_ parts: [Column], as field: Field) -> Column {
        var anyNull = false
        var validity: [Bool] = []
        for part in parts {
            if let flags = part.validity {
                anyNull = true
                validity += flags
            } else {
                validity += Array(repeating: true, count: part.count)
            }
        }
        guard let first = parts.first else {
            return Column(field: field, storage: .empty(field.type.defaultStorageKind))
        }
        // Each kind is gathered into one array, reserved once: appending to a value taken out of
        // `storage` would copy everything gathered so far at every part.
        let sameKind = parts.allSatisfy { part in
            switch (first.storage, part.storage) {
            case (.fixedBytes(let width, _), .fixedBytes(let other, _)): width == other
            default: part.storage.kind == first.storage.kind
            }
        }
        guard sameKind else {
            // Same logical type stored differently (a decimal in int32 in one file, int64 in another): go through values.
            return Column(field: field, storage: Column.rebuild(parts, as: field), validity: anyNull ? validity : nil)
        }
        let total = parts.reduce(0) { $0 + $1.count }
        func gathered<Element>(_ values: (ColumnStorage) -> [Element]) -> [Element] {
            var all: [Element] = []
            all.reserveCapacity(total)
            for part in parts { all += values(part.storage) }
            return all
        }
        let storage: ColumnStorage
        switch first.storage {
        case .boolean: storage = .boolean(gathered { if case .boolean(let v) = $0 { v } else { [] } })
        case .int32: storage = .int32(gathered { if case .int32(let v) = $0 { v } else { [] } })
        case .int64: storage = .int64(gathered { if case .int64(let v) = $0 { v } else { [] } })
        case .float: storage = .float(gathered { if case .float(let v) = $0 { v } else { [] } })
        case .double: storage = .double(gathered { if case .double(let v) = $0 { v } else { [] } })
        case .fixedBytes(let width, _):
            storage = .fixedBytes(width: width, data: gathered { if case .fixedBytes(_, let v) = $0 { v } else { [] } })
        case .bytes:
            var offsets: [Int] = [0]
            var data: [UInt8] = []
            offsets.reserveCapacity(total + 1)
            for part in parts {
                guard case .bytes(let values) = part.storage else { continue }
                let base = data.count - values.offsets[0]
                data += values.data[values.offsets[0]..<values.offsets[values.count]]
                for offset in values.offsets.dropFirst() { offsets.append(offset + base) }
            }
            storage = .bytes(ByteArrays(offsets: offsets, data: data))
        }
        return Column(field: field, storage: storage, validity: anyNull ? validity : nil)
    }

    private static func rebuild(_ parts: [Column], as field: Field) -> ColumnStorage {
        var values: [Int64] = []
        for part in parts {
            for row in 0..<part.count {
                switch part.value(at: row) {
                case .int(let v): values.append(v)
                case .decimal(let v, _): values.append(Int64(truncatingIfNeeded: v))
                case .date(let v): values.append(Int64(v))
                case .timestamp(let v, _, _): values.append(v)
                default: values.append(0)
                }
            }
        }
        return .int64(values)
    }
}

/// Two batches disagree on a column's type.
public struct BatchConcatenationError: Error, Sendable, CustomStringConvertible {
    public var column: String
    public var first: ColumnType
    public var second: ColumnType
    public var description: String {
        "The column '\(column)' is \(first.name) in one part and \(second.name) in another. Declare its type in the stage's schema so every file agrees."
    }
}
