/// The deprecated type annotation that `LogicalType` superseded; still the only one in old files.
///
/// Values a newer writer may add decode as `unknown` with their number, so that the rest of the
/// file stays readable.
public enum ConvertedType: Sendable, Hashable, CustomStringConvertible {
    case utf8
    case map
    case mapKeyValue
    case list
    case `enum`
    case decimal
    case date
    case timeMillis
    case timeMicros
    case timestampMillis
    case timestampMicros
    case uint8
    case uint16
    case uint32
    case uint64
    case int8
    case int16
    case int32
    case int64
    case json
    case bson
    case interval
    case unknown(Int32)

    /// The value numbered `rawValue` in parquet.thrift.
    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .utf8
        case 1: self = .map
        case 2: self = .mapKeyValue
        case 3: self = .list
        case 4: self = .`enum`
        case 5: self = .decimal
        case 6: self = .date
        case 7: self = .timeMillis
        case 8: self = .timeMicros
        case 9: self = .timestampMillis
        case 10: self = .timestampMicros
        case 11: self = .uint8
        case 12: self = .uint16
        case 13: self = .uint32
        case 14: self = .uint64
        case 15: self = .int8
        case 16: self = .int16
        case 17: self = .int32
        case 18: self = .int64
        case 19: self = .json
        case 20: self = .bson
        case 21: self = .interval
        default: self = .unknown(rawValue)
        }
    }

    /// The number parquet.thrift gives this value.
    public var rawValue: Int32 {
        switch self {
        case .utf8: 0
        case .map: 1
        case .mapKeyValue: 2
        case .list: 3
        case .`enum`: 4
        case .decimal: 5
        case .date: 6
        case .timeMillis: 7
        case .timeMicros: 8
        case .timestampMillis: 9
        case .timestampMicros: 10
        case .uint8: 11
        case .uint16: 12
        case .uint32: 13
        case .uint64: 14
        case .int8: 15
        case .int16: 16
        case .int32: 17
        case .int64: 18
        case .json: 19
        case .bson: 20
        case .interval: 21
        case .unknown(let value): value
        }
    }

    /// The name parquet.thrift gives this value, such as `UTF8`.
    public var description: String {
        switch self {
        case .utf8: "UTF8"
        case .map: "MAP"
        case .mapKeyValue: "MAP_KEY_VALUE"
        case .list: "LIST"
        case .`enum`: "ENUM"
        case .decimal: "DECIMAL"
        case .date: "DATE"
        case .timeMillis: "TIME_MILLIS"
        case .timeMicros: "TIME_MICROS"
        case .timestampMillis: "TIMESTAMP_MILLIS"
        case .timestampMicros: "TIMESTAMP_MICROS"
        case .uint8: "UINT_8"
        case .uint16: "UINT_16"
        case .uint32: "UINT_32"
        case .uint64: "UINT_64"
        case .int8: "INT_8"
        case .int16: "INT_16"
        case .int32: "INT_32"
        case .int64: "INT_64"
        case .json: "JSON"
        case .bson: "BSON"
        case .interval: "INTERVAL"
        case .unknown(let value): "UNKNOWN(\(value))"
        }
    }
}
