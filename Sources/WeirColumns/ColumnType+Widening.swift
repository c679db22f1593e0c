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
        case (.list(let element), .list(let wide)):
            return element.widens(into: wide)
        case (.structure(let fields), .structure(let wides)):
            return fields.count == wides.count && zip(fields, wides).allSatisfy { $0.widens(into: $1) }
        case (.map(let key, let value), .map(let wideKey, let wideValue)):
            return key.widens(into: wideKey) && value.widens(into: wideValue)
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
        case (.list(let element), .list(let otherElement)):
            return element.widened(with: otherElement).map { .list($0) }
        case (.structure(let fields), .structure(let others)):
            guard fields.count == others.count else { return nil }
            var wide: [Field] = []
            for (field, other) in zip(fields, others) {
                guard let member = field.widened(with: other) else { return nil }
                wide.append(member)
            }
            return .structure(wide)
        case (.map(let key, let value), .map(let otherKey, let otherValue)):
            guard let wideKey = key.widened(with: otherKey), let wideValue = value.widened(with: otherValue) else {
                return nil
            }
            return .map(key: wideKey, value: wideValue)
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

extension Field {
    /// Whether the values of this member of a nested type (a list's element, a struct's field, a
    /// map's key or value) read as `wider`: the same name, a type that widens, and null allowed
    /// in `wider` if it is here.
    public func widens(into wider: Field) -> Bool {
        name == wider.name && (wider.nullable || !nullable) && type.widens(into: wider.type)
    }

    /// The narrowest member both this one and `other` widen into, or `nil`.
    public func widened(with other: Field) -> Field? {
        guard name == other.name, let type = type.widened(with: other.type) else { return nil }
        return Field(name, type, nullable: nullable || other.nullable)
    }
}
