extension ColumnType {
    /// Whether every value of type `self` can be read as `wider` without losing what it means:
    /// the same type, a smaller integer into a larger one or into a double, a float into a double,
    /// or a timestamp into a finer unit of the same kind (UTC or local).
    ///
    /// A 64-bit integer into a double loses digits beyond 2⁵³; data sets take that widening
    /// anyway (Delta Lake and Iceberg do too), since the alternative is text.
    public func widens(into wider: ColumnType) -> Bool {
        if self == wider { return true }
        switch (self, wider) {
        case (.int(let bits, let signed), .int(let wideBits, let wideSigned)):
            if signed == wideSigned { return bits <= wideBits }
            // An unsigned integer fits a signed one with more bits.
            return !signed && wideSigned && bits < wideBits
        case (.int, .float64), (.float32, .float64):
            return true
        case (.timestamp(let unit, let utc), .timestamp(let wideUnit, let wideUTC)):
            return utc == wideUTC && unit.perSecond <= wideUnit.perSecond
        default:
            return false
        }
    }

    /// The narrowest type both `self` and `other` widen into (see ``widens(into:)``), or `nil`
    /// when there is none (a number and a text, a date and a timestamp).
    public func widened(with other: ColumnType) -> ColumnType? {
        if other.widens(into: self) { return self }
        if widens(into: other) { return other }
        switch (self, other) {
        case (.int, .int):
            // Signed and unsigned of the same width: the next signed width holds both.
            return widens(into: .int64) && other.widens(into: .int64) ? .int64 : nil
        case (.int, .float32), (.float32, .int):
            return .float64
        default:
            return nil
        }
    }

    /// Numbers, text, timestamps…: the family a type belongs to, for choosing a data set's type
    /// from files that disagree.
    public var family: String {
        switch self {
        case .int, .float32, .float64, .decimal: "number"
        case .string: "string"
        case .binary, .fixedBinary: "binary"
        case .boolean: "bool"
        case .date: "date"
        case .timestamp(_, let utc): utc ? "timestamp-utc" : "timestamp"
        case .list: "list"
        case .structure: "struct"
        case .map: "map"
        }
    }
}
