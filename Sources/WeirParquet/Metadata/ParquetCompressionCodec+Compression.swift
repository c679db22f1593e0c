import WeirCompression

extension ParquetCompressionCodec {
    /// The codec as WeirCompression names it, or `nil` for one it has no implementation of (LZO).
    public var compressionCodec: CompressionCodec? {
        switch self {
        case .uncompressed: .uncompressed
        case .snappy: .snappy
        case .gzip: .gzip
        case .brotli: .brotli
        case .lz4: .lz4
        case .zstd: .zstd
        case .lz4Raw: .lz4Raw
        case .lzo, .unknown: nil
        }
    }

    /// The number a file stores for `codec`.
    public init(_ codec: CompressionCodec) {
        switch codec {
        case .uncompressed: self = .uncompressed
        case .snappy: self = .snappy
        case .gzip: self = .gzip
        case .brotli: self = .brotli
        case .lz4: self = .lz4
        case .zstd: self = .zstd
        case .lz4Raw: self = .lz4Raw
        }
    }
}
