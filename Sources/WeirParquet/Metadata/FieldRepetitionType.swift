/// Whether a schema node is required, optional or repeated.
///
/// Values a newer writer may add decode as `unknown` with their number, so that the rest of the
/// file stays readable.
public enum FieldRepetitionType: Sendable, Hashable, CustomStringConvertible {
    case required
    case optional
    case repeated
    case vector
    case unknown(Int32)

    /// The value numbered `rawValue` in parquet.thrift.
    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .required
        case 1: self = .optional
        case 2: self = .repeated
        case 3: self = .vector
        default: self = .unknown(rawValue)
        }
    }

    /// The number parquet.thrift gives this value.
    public var rawValue: Int32 {
        switch self {
        case .required: 0
        case .optional: 1
        case .repeated: 2
        case .vector: 3
        case .unknown(let value): value
        }
    }

    /// The name parquet.thrift gives this value, such as `REQUIRED`.
    public var description: String {
        switch self {
        case .required: "REQUIRED"
        case .optional: "OPTIONAL"
        case .repeated: "REPEATED"
        case .vector: "VECTOR"
        case .unknown(let value): "UNKNOWN(\(value))"
        }
    }
}
