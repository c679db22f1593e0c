/// How the values or levels of a page are encoded.
///
/// Values a newer writer may add decode as `unknown` with their number, so that the rest of the
/// file stays readable.
public enum Encoding: Sendable, Hashable, CustomStringConvertible {
    case plain
    case plainDictionary
    case rle
    case bitPacked
    case deltaBinaryPacked
    case deltaLengthByteArray
    case deltaByteArray
    case rleDictionary
    case byteStreamSplit
    case unknown(Int32)

    /// The value numbered `rawValue` in parquet.thrift.
    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .plain
        case 2: self = .plainDictionary
        case 3: self = .rle
        case 4: self = .bitPacked
        case 5: self = .deltaBinaryPacked
        case 6: self = .deltaLengthByteArray
        case 7: self = .deltaByteArray
        case 8: self = .rleDictionary
        case 9: self = .byteStreamSplit
        default: self = .unknown(rawValue)
        }
    }

    /// The number parquet.thrift gives this value.
    public var rawValue: Int32 {
        switch self {
        case .plain: 0
        case .plainDictionary: 2
        case .rle: 3
        case .bitPacked: 4
        case .deltaBinaryPacked: 5
        case .deltaLengthByteArray: 6
        case .deltaByteArray: 7
        case .rleDictionary: 8
        case .byteStreamSplit: 9
        case .unknown(let value): value
        }
    }

    /// The name parquet.thrift gives this value, such as `PLAIN`.
    public var description: String {
        switch self {
        case .plain: "PLAIN"
        case .plainDictionary: "PLAIN_DICTIONARY"
        case .rle: "RLE"
        case .bitPacked: "BIT_PACKED"
        case .deltaBinaryPacked: "DELTA_BINARY_PACKED"
        case .deltaLengthByteArray: "DELTA_LENGTH_BYTE_ARRAY"
        case .deltaByteArray: "DELTA_BYTE_ARRAY"
        case .rleDictionary: "RLE_DICTIONARY"
        case .byteStreamSplit: "BYTE_STREAM_SPLIT"
        case .unknown(let value): "UNKNOWN(\(value))"
        }
    }
}
