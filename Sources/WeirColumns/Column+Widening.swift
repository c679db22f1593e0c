extension Column {
    /// The column's values as `type`, which its type must widen into (see
    /// ``ColumnType/widens(into:)``): integers and floats become doubles or wider integers,
    /// timestamps are scaled to the finer unit. Nulls stay null. `nil` when the type does not
    /// widen into `type`.
    public func widened(to type: ColumnType) -> Column? {
        let from = field.type
        guard from.widens(into: type) else { return nil }
        var target = field
        target.type = type
        if from == type { return self }
        let storage: ColumnStorage
        switch (self.storage, type) {
        case (.int32(let values), .float64):
            storage = .double(
                from.isUnsigned ? values.map { Double(UInt32(bitPattern: $0)) } : values.map { Double($0) })
        case (.int64(let values), .float64):
            storage = .double(
                from.isUnsigned ? values.map { Double(UInt64(bitPattern: $0)) } : values.map { Double($0) })
        case (.float(let values), .float64):
            storage = .double(values.map { Double($0) })
        case (.int32(let values), .int(let bits, _)) where bits > 32:
            storage = .int64(
                from.isUnsigned ? values.map { Int64(UInt32(bitPattern: $0)) } : values.map { Int64($0) })
        case (.int32, .int), (.int64, .int):
            storage = self.storage
        case (.int64(let values), .timestamp(let unit, _)):
            guard case .timestamp(let fromUnit, _) = from else { return nil }
            let factor = unit.perSecond / fromUnit.perSecond
            storage = .int64(values.map { $0 &* factor })
        default:
            return nil
        }
        return Column(field: target, storage: storage, validity: validity)
    }
}

extension ColumnType {
    /// An unsigned integer type.
    public var isUnsigned: Bool {
        if case .int(_, signed: false) = self { return true }
        return false
    }
}
