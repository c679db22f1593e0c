extension RecordBatch {
    /// The rows of `batches` (all of `schema`'s columns, in its order), one after another; an empty
    /// list gives an empty batch of `schema`. The columns keep the fields of the first batch.
    public static func concatenate(_ batches: [RecordBatch], schema: Schema) -> RecordBatch {
        guard let first = batches.first else { return .empty(schema) }
        if batches.count == 1 { return first }
        let columns = first.columns.indices.map { index in
            Column.concatenate(batches.map { $0.columns[index] }, as: first.columns[index].field)
        }
        return RecordBatch(schema: first.schema, columns: columns)
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
    /// Stacks columns of one logical type; storages of one kind are copied a kind at a time.
    public static func concatenate(_ parts: [Column], as field: Field) -> Column {
        guard let first = parts.first else { return .empty(field) }
        let total = parts.reduce(0) { $0 + $1.count }
        var validity: [Bool]?
        if parts.contains(where: { $0.validity != nil }) {
            var flags: [Bool] = []
            flags.reserveCapacity(total)
            for part in parts { flags += part.validity ?? [Bool](repeating: true, count: part.count) }
            validity = flags
        }
        let sameKind = parts.allSatisfy { part in
            switch (first.storage, part.storage) {
            case (.fixedBytes(let width, _), .fixedBytes(let other, _)): width == other
            default: part.storage.kind == first.storage.kind
            }
        }
        guard sameKind else {
            // Same logical type stored differently (a decimal in int32 in one file, int64 in another): go through values.
            return Column(field: field, storage: rebuild(parts), validity: validity)
        }
        // Each kind is gathered into one array, reserved once: appending to a value taken out of
        // `storage` would copy everything gathered so far at every part.
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
            data.reserveCapacity(
                parts.reduce(0) { if case .bytes(let v) = $1.storage { $0 + v.data.count } else { $0 } })
            for part in parts {
                guard case .bytes(let values) = part.storage else { continue }
                let base = data.count - values.offsets[0]
                data += values.data[values.offsets[0]..<values.offsets[values.count]]
                for offset in values.offsets.dropFirst() { offsets.append(offset + base) }
            }
            storage = .bytes(ByteArrays(offsets: offsets, data: data))
        case .list(_, let elements):
            let (offsets, children) = concatenateNested(parts) { if case .list(let o, let e) = $0 { (o, [e]) } else { nil } }
            storage = .list(offsets: offsets, elements: concatenate(children.map { $0[0] }, as: elements.field))
        case .map(_, let keys, let values):
            let (offsets, children) = concatenateNested(parts) {
                if case .map(let o, let k, let v) = $0 { (o, [k, v]) } else { nil }
            }
            storage = .map(
                offsets: offsets, keys: concatenate(children.map { $0[0] }, as: keys.field),
                values: concatenate(children.map { $0[1] }, as: values.field))
        case .structure(_, let fields):
            let children = fields.indices.map { index in
                parts.map { part -> Column in
                    guard case .structure(_, let partFields) = part.storage else { return .nulls(fields[index].field, count: part.count) }
                    return partFields[index]
                }
            }
            storage = .structure(
                count: total, fields: children.enumerated().map { concatenate($1, as: fields[$0].field) })
        }
        return Column(field: field, storage: storage, validity: validity)
    }

    /// The offsets of the lists or maps of `parts` one after another, and the children of each part.
    private static func concatenateNested(
        _ parts: [Column], _ split: (ColumnStorage) -> ([Int], [Column])?
    ) -> (offsets: [Int], children: [[Column]]) {
        var offsets: [Int] = [0]
        var children: [[Column]] = []
        for part in parts {
            guard let (partOffsets, partChildren) = split(part.storage) else { continue }
            let base = offsets[offsets.count - 1] - partOffsets[0]
            for offset in partOffsets.dropFirst() { offsets.append(offset + base) }
            // Children beyond the part's last offset are not part of it.
            let used = partOffsets[0]..<partOffsets[partOffsets.count - 1]
            children.append(partChildren.map { used == 0..<$0.count ? $0 : $0.gather(Array(used)) })
        }
        return (offsets, children)
    }

    private static func rebuild(_ parts: [Column]) -> ColumnStorage {
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

    public init(column: String, first: ColumnType, second: ColumnType) {
        self.column = column
        self.first = first
        self.second = second
    }

    public var description: String {
        "The column '\(column)' is \(first.name) in one part and \(second.name) in another. Declare its type in the stage's schema so every file agrees."
    }
}
