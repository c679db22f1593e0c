/// One cell, interpreted through its column's logical type.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case float(Float)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    /// Days since 1970-01-01.
    case date(Int32)
    case timestamp(Int64, TimeUnit, utc: Bool)
    /// `unscaled × 10^-scale`.
    case decimal(Int128, scale: Int)
    /// The elements of a list.
    case list([Value])
    /// A record: `values[i]` is the value of the field `names[i]`.
    case structure(names: [String], values: [Value])
    /// Key-value pairs in their stored order: `values[i]` belongs to `keys[i]`.
    case map(keys: [Value], values: [Value])

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
