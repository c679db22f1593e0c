/// The compression codec of a column chunk, as the file numbers it (`CompressionCodec` in parquet.thrift).
///
/// Values a newer writer may add decode as `unknown` with their number, so that the rest of the
/// file stays readable.
public enum ParquetCompressionCodec: Sendable, Hashable, CustomStringConvertible {
    case uncompressed
    case snappy
    case gzip
    case lzo
    case brotli
    case lz4
    case zstd
    case lz4Raw
    case unknown(Int32)

    /// The value numbered `rawValue` in parquet.thrift.
    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .uncompressed
        case 1: self = .snappy
        case 2: self = .gzip
        case 3: self = .lzo
        case 4: self = .brotli
        case 5: self = .lz4
        case 6: self = .zstd
        case 7: self = .lz4Raw
        default: self = .unknown(rawValue)
        }
    }

    /// The number parquet.thrift gives this value.
    public var rawValue: Int32 {
        switch self {
        case .uncompressed: 0
        case .snappy: 1
        case .gzip: 2
        case .lzo: 3
        case .brotli: 4
        case .lz4: 5
        case .zstd: 6
        case .lz4Raw: 7
        case .unknown(let value): value
        }
    }

    /// The name parquet.thrift gives this value, such as `UNCOMPRESSED`.
    public var description: String {
        switch self {
        case .uncompressed: "UNCOMPRESSED"
        case .snappy: "SNAPPY"
        case .gzip: "GZIP"
        case .lzo: "LZO"
        case .brotli: "BROTLI"
        case .lz4: "LZ4"
        case .zstd: "ZSTD"
        case .lz4Raw: "LZ4_RAW"
        case .unknown(let value): "UNKNOWN(\(value))"
        }
    }
}
