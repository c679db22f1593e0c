/// A column's values as indices into a small table of distinct values, as a dictionary-encoded
/// Parquet column chunk holds them.
///
/// A reader may keep these beside the decoded values so that work done once per distinct value
/// (numbering a group key, finding a time bucket) replaces work done once per row. They are a
/// hint, not part of the column's value: two columns with the same values are equal whether or
/// not either has codes (``Column/==(_:_:)``), and setting a column's storage drops them.
public struct DictionaryCodes: Sendable, Hashable {
    /// One index into `values` for every row of the column.
    public let codes: [UInt32]
    /// The distinct values, in the column's storage kind.
    public let values: ColumnStorage

    public init(codes: [UInt32], values: ColumnStorage) {
        self.codes = codes
        self.values = values
    }
}
