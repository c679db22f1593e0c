/// Constants of the Parquet file format.
public enum ParquetFormat {
    /// The four bytes that open and close every Parquet file.
    public static let magic: [UInt8] = Array("PAR1".utf8)
}
