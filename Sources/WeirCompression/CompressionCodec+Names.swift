extension CompressionCodec {
    /// The codec's name as error messages and documentation spell it.
    package var displayName: String {
        switch self {
        case .uncompressed: "Uncompressed"
        case .snappy: "Snappy"
        case .gzip: "GZIP"
        case .brotli: "Brotli"
        case .zstd: "ZSTD"
        case .lz4Raw: "LZ4_RAW"
        case .lz4: "LZ4 (Hadoop)"
        }
    }
}
