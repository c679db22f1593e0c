import WeirColumns

extension Column {
    /// The values of `columns` one after another.
    static func concatenating(_ columns: [Column], field: Field) -> Column {
        let total = columns.reduce(0) { $0 + $1.count }
        var validity: [Bool]?
        if columns.contains(where: { $0.validity != nil }) {
            validity = []
            validity!.reserveCapacity(total)
            for column in columns { validity! += column.validity ?? [Bool](repeating: true, count: column.count) }
        }
        let kind = columns.first?.storage.kind ?? (ValueParser(field.type).map(\.storageKind) ?? .bytes)
        var storage = ColumnStorage.empty(kind, width: DecimalWidth.storageWidth(field.type))
        for column in columns { storage.append(column.storage) }
        return Column(field: field, storage: storage, validity: validity)
    }
}

extension ColumnStorage {
    mutating func append(_ other: ColumnStorage) {
        switch (self, other) {
        case (.boolean(var values), .boolean(let more)):
            values += more
            self = .boolean(values)
        case (.int32(var values), .int32(let more)):
            values += more
            self = .int32(values)
        case (.int64(var values), .int64(let more)):
            values += more
            self = .int64(values)
        case (.float(var values), .float(let more)):
            values += more
            self = .float(values)
        case (.double(var values), .double(let more)):
            values += more
            self = .double(values)
        case (.bytes(var values), .bytes(let more)):
            let base = values.data.count
            values.data += more.data
            values.offsets += more.offsets.dropFirst().map { $0 + base }
            self = .bytes(values)
        case (.fixedBytes(let width, var data), .fixedBytes(_, let more)):
            data += more
            self = .fixedBytes(width: width, data: data)
        default:
            preconditionFailure("columns of one field share their storage kind")
        }
    }
}

extension ValueParser {
    /// The storage the column builders produce for this parser.
    var storageKind: ColumnStorage.Kind {
        switch self {
        case .boolean: .boolean
        case .integer(let bits, _): bits == 64 ? .int64 : .int32
        case .float32: .float
        case .float64: .double
        case .string, .binary: .bytes
        case .date: .int32
        case .timestamp: .int64
        case .decimal(let precision, _): precision <= 9 ? .int32 : (precision <= 18 ? .int64 : .fixedBytes)
        }
    }
}

extension DecimalWidth {
    static func storageWidth(_ type: ColumnType) -> Int {
        if case .decimal(let precision, _) = type, precision > 18 { return bytes(forPrecision: precision) }
        return 0
    }
}
