/// The resolution of a timestamp column's integer values.
public enum TimeUnit: String, Sendable, Hashable, Codable, CaseIterable {
    case milliseconds = "ms"
    case microseconds = "us"
    case nanoseconds = "ns"

    /// How many of this unit make one second.
    public var perSecond: Int64 {
        switch self {
        case .milliseconds: 1_000
        case .microseconds: 1_000_000
        case .nanoseconds: 1_000_000_000
        }
    }

    /// Digits after the decimal point needed to print one unit exactly.
    public var fractionDigits: Int {
        switch self {
        case .milliseconds: 3
        case .microseconds: 6
        case .nanoseconds: 9
        }
    }
}

/// The logical type of a column, independent of how a file format stores it.
///
/// Each logical type has a default ``ColumnStorage`` (see ``defaultStorageKind``); a reader may
/// hand a column over in another storage where the file says so (a DECIMAL stored as fixed-length
/// bytes, for example).
public enum ColumnType: Sendable, Hashable {
    case boolean
    /// An integer of `bits` (8, 16, 32 or 64) bits. Stored as `Int32` up to 32 bits, `Int64` above;
    /// unsigned values keep their bit pattern (a `UInt64` above `Int64.max` is stored negative).
    case int(bits: Int, signed: Bool)
    case float32
    case float64
    /// UTF-8 text.
    case string
    case binary
    case fixedBinary(width: Int)
    /// Days since 1970-01-01, stored as `Int32`.
    case date
    /// Units since 1970-01-01T00:00:00, stored as `Int64`. `utc` tells whether the instant is
    /// UTC-adjusted or a local wall-clock reading.
    case timestamp(unit: TimeUnit, utc: Bool)
    /// An exact decimal `unscaled × 10^-scale`.
    case decimal(precision: Int, scale: Int)
    /// A list of values of the element field's type (Parquet LIST); the element field says whether
    /// an element may be null.
    indirect case list(Field)
    /// A record of named fields (a Parquet group); a struct with no fields still has rows.
    case structure([Field])
    /// Key-value pairs (Parquet MAP); keys are never null.
    indirect case map(key: Field, value: Field)

    public static let int8 = ColumnType.int(bits: 8, signed: true)
    public static let int16 = ColumnType.int(bits: 16, signed: true)
    public static let int32 = ColumnType.int(bits: 32, signed: true)
    public static let int64 = ColumnType.int(bits: 64, signed: true)
    public static let uint8 = ColumnType.int(bits: 8, signed: false)
    public static let uint16 = ColumnType.int(bits: 16, signed: false)
    public static let uint32 = ColumnType.int(bits: 32, signed: false)
    public static let uint64 = ColumnType.int(bits: 64, signed: false)

    /// The storage a writer of this type produces unless told otherwise.
    public var defaultStorageKind: ColumnStorage.Kind {
        switch self {
        case .boolean: .boolean
        case .int(let bits, _): bits <= 32 ? .int32 : .int64
        case .float32: .float
        case .float64: .double
        case .string, .binary: .bytes
        case .fixedBinary: .fixedBytes
        case .date: .int32
        case .timestamp: .int64
        case .decimal(let precision, _): precision <= 9 ? .int32 : (precision <= 18 ? .int64 : .fixedBytes)
        case .list: .list
        case .structure: .structure
        case .map: .map
        }
    }

    /// Whether the type is a list, struct or map.
    public var isNested: Bool {
        switch self {
        case .list, .structure, .map: true
        default: false
        }
    }

    /// A short, stable name such as `int64`, `timestamp[ms, UTC]`, `decimal(10,2)`,
    /// `list<int64>`, `struct<x: double, y: string>` or `map<string, int32>`.
    ///
    /// Nested names leave out whether an element, a field or a value may be null; types that
    /// differ only in that share a name.
    public var name: String {
        switch self {
        case .boolean: "bool"
        case .int(let bits, let signed): (signed ? "int" : "uint") + String(bits)
        case .float32: "float"
        case .float64: "double"
        case .string: "string"
        case .binary: "binary"
        case .fixedBinary(let width): "fixed_binary(\(width))"
        case .date: "date"
        case .timestamp(let unit, let utc): "timestamp[\(unit.rawValue)\(utc ? ", UTC" : "")]"
        case .decimal(let precision, let scale): "decimal(\(precision),\(scale))"
        case .list(let element): "list<\(element.type.name)>"
        case .structure(let fields): "struct<" + fields.map { "\($0.name): \($0.type.name)" }.joined(separator: ", ") + ">"
        case .map(let key, let value): "map<\(key.type.name), \(value.type.name)>"
        }
    }
}

/// A named, typed column of a schema.
public struct Field: Sendable, Hashable {
    public var name: String
    public var type: ColumnType
    public var nullable: Bool

    public init(_ name: String, _ type: ColumnType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

/// An ordered list of fields.
public struct Schema: Sendable, Hashable {
    public var fields: [Field]

    public init(_ fields: [Field]) {
        self.fields = fields
    }

    /// The index of the first field named `name`, if any.
    public func index(of name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }
}
