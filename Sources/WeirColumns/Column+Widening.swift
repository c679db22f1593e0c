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
        case (.list(let offsets, let elements), .list(let element)):
            guard let wide = elements.widened(as: element) else { return nil }
            storage = .list(offsets: offsets, elements: wide)
        case (.structure(let count, let children), .structure(let fields)):
            var wide: [Column] = []
            for (child, field) in zip(children, fields) {
                guard let member = child.widened(as: field) else { return nil }
                wide.append(member)
            }
            storage = .structure(count: count, fields: wide)
        case (.map(let offsets, let keys, let values), .map(let key, let value)):
            guard let wideKeys = keys.widened(as: key), let wideValues = values.widened(as: value) else { return nil }
            storage = .map(offsets: offsets, keys: wideKeys, values: wideValues)
        default:
            return nil
        }
        return Column(field: target, storage: storage, validity: validity)
    }

    /// The column as the member `field` of a nested type: widened to its type, with its name and
    /// nullability.
    private func widened(as field: Field) -> Column? {
        guard let wide = widened(to: field.type) else { return nil }
        return Column(field: field, storage: wide.storage, validity: wide.validity)
    }
}

extension ColumnType {
    /// An unsigned integer type.
    public var isUnsigned: Bool {
        if case .int(_, signed: false) = self { return true }
        return false
    }
}
