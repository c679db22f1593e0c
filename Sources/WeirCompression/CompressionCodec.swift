/// A block compression codec as Parquet names them.
public enum CompressionCodec: String, Sendable, Hashable, CaseIterable {
    case uncompressed
    case snappy
    case gzip
    case brotli
    case zstd
    case lz4Raw = "lz4_raw"
    /// The deprecated Hadoop-framed LZ4 of old Parquet writers.
    case lz4
}
