/// The physical type of a column's values (`Type` in parquet.thrift).
///
/// Values a newer writer may add decode as `unknown` with their number, so that the rest of the
/// file stays readable.
public enum PhysicalType: Sendable, Hashable, CustomStringConvertible {
    case boolean
    case int32
    case int64
    case int96
    case float
    case double
    case byteArray
    case fixedLenByteArray
    case unknown(Int32)

    /// The value numbered `rawValue` in parquet.thrift.
    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .boolean
        case 1: self = .int32
        case 2: self = .int64
        case 3: self = .int96
        case 4: self = .float
        case 5: self = .double
        case 6: self = .byteArray
        case 7: self = .fixedLenByteArray
        default: self = .unknown(rawValue)
        }
    }

    /// The number parquet.thrift gives this value.
    public var rawValue: Int32 {
        switch self {
        case .boolean: 0
        case .int32: 1
        case .int64: 2
        case .int96: 3
        case .float: 4
        case .double: 5
        case .byteArray: 6
        case .fixedLenByteArray: 7
        case .unknown(let value): value
        }
    }

    /// The name parquet.thrift gives this value, such as `BOOLEAN`.
    public var description: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int32: "INT32"
        case .int64: "INT64"
        case .int96: "INT96"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .byteArray: "BYTE_ARRAY"
        case .fixedLenByteArray: "FIXED_LEN_BYTE_ARRAY"
        case .unknown(let value): "UNKNOWN(\(value))"
        }
    }
}
