/// A column to order rows by.
public struct SortKey: Sendable, Hashable {
    public var column: String
    public var descending: Bool
    /// Whether nulls come before values; by default they come last, as in DuckDB.
    public var nullsFirst: Bool

    public init(_ column: String, descending: Bool = false, nullsFirst: Bool = false) {
        self.column = column
        self.descending = descending
        self.nullsFirst = nullsFirst
    }
}
