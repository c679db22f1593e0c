/// One column of a batch: its field, its physical values and which rows are null.
public struct Column: Sendable, Hashable {
    public var field: Field
    public var storage: ColumnStorage {
        didSet { dictionary = nil }
    }
    /// `nil` when no row is null; otherwise one flag per row, `true` where the row has a value.
    public var validity: [Bool]?
    /// The values as indices into their distinct values, when the reader kept them (see
    /// ``DictionaryCodes``); `nil` otherwise, and whenever `storage` is set.
    public var dictionary: DictionaryCodes? {
        didSet {
            precondition(dictionary == nil || dictionary!.codes.count == storage.count, "one code per row")
        }
    }

    public init(field: Field, storage: ColumnStorage, validity: [Bool]? = nil) {
        precondition(validity == nil || validity!.count == storage.count, "validity must have one flag per row")
        self.field = field
        self.storage = storage
        self.validity = validity
        self.dictionary = nil
    }

    public var count: Int { storage.count }

    /// Columns are equal when their fields, values and nulls are; dictionary codes are a reading
    /// hint and do not count.
    public static func == (lhs: Column, rhs: Column) -> Bool {
        lhs.field == rhs.field && lhs.storage == rhs.storage && lhs.validity == rhs.validity
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(field)
        hasher.combine(storage)
        hasher.combine(validity)
    }

    public var nullCount: Int {
        guard let validity else { return 0 }
        var nulls = 0
        for valid in validity where !valid { nulls += 1 }
        return nulls
    }

    public func isNull(_ row: Int) -> Bool {
        validity.map { !$0[row] } ?? false
    }

    /// The value of `row`, interpreted through the field's logical type.
    public func value(at row: Int) -> Value {
        if isNull(row) { return .null }
        switch storage {
        case .boolean(let values):
            return .bool(values[row])
        case .int32(let values):
            let raw = values[row]
            switch field.type {
            case .date: return .date(raw)
            case .int(_, signed: false): return .uint(UInt64(UInt32(bitPattern: raw)))
            case .decimal(_, let scale): return .decimal(Int128(raw), scale: scale)
            default: return .int(Int64(raw))
            }
        case .int64(let values):
            let raw = values[row]
            switch field.type {
            case .timestamp(let unit, let utc): return .timestamp(raw, unit, utc: utc)
            case .int(_, signed: false): return .uint(UInt64(bitPattern: raw))
            case .decimal(_, let scale): return .decimal(Int128(raw), scale: scale)
            case .date: return .date(Int32(truncatingIfNeeded: raw))
            default: return .int(raw)
            }
        case .float(let values):
            return .float(values[row])
        case .double(let values):
            return .double(values[row])
        case .bytes(let values):
            let slice = values[row]
            switch field.type {
            case .string: return .string(values.string(at: row))
            case .decimal(_, let scale): return Self.decimal(bigEndian: slice, scale: scale)
            default: return .bytes(Array(slice))
            }
        case .fixedBytes(let width, let data):
            let slice = data[(row * width)..<((row + 1) * width)]
            if case .decimal(_, let scale) = field.type { return Self.decimal(bigEndian: slice, scale: scale) }
            if case .string = field.type { return .string(String(decoding: slice, as: UTF8.self)) }
            return .bytes(Array(slice))
        case .list(let offsets, let elements):
            return .list((offsets[row]..<offsets[row + 1]).map { elements.value(at: $0) })
        case .structure(_, let fields):
            return .structure(names: fields.map(\.field.name), values: fields.map { $0.value(at: row) })
        case .map(let offsets, let keys, let values):
            let entries = offsets[row]..<offsets[row + 1]
            return .map(keys: entries.map { keys.value(at: $0) }, values: entries.map { values.value(at: $0) })
        }
    }

    /// Decodes a big-endian two's complement integer of up to 16 significant bytes.
    static func decimal(bigEndian bytes: ArraySlice<UInt8>, scale: Int) -> Value {
        guard let first = bytes.first else { return .decimal(0, scale: scale) }
        let negative = first & 0x80 != 0
        var result: Int128 = negative ? -1 : 0
        for byte in bytes {
            result = (result << 8) | Int128(byte)
        }
        return .decimal(result, scale: scale)
    }
}
