/// The version of Weir and of the formats it writes.
public enum WeirVersion {
    /// The release version, as `weir --version` prints it.
    public static let current = "0.1.0"
    /// The `created_by` string written into Parquet footers.
    public static let createdBy = "weir version \(current) (build 1)"
}
