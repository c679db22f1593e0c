import WeirColumns

extension Column {
    /// The column without the rows where `keep` is false.
    func filtered(_ keep: [Bool]) -> Column {
        if field.type.isNested { return gather(keep.indices.filter { keep[$0] }) }
        let validity = self.validity.map { flags in flags.indices.filter { keep[$0] }.map { flags[$0] } }
        return Column(field: field, storage: storage.filtered(keep), validity: validity)
    }
}

extension ColumnStorage {
    func filtered(_ keep: [Bool]) -> ColumnStorage {
        func pick<T>(_ values: [T]) -> [T] { values.indices.filter { keep[$0] }.map { values[$0] } }
        switch self {
        case .boolean(let values): return .boolean(pick(values))
        case .int32(let values): return .int32(pick(values))
        case .int64(let values): return .int64(pick(values))
        case .float(let values): return .float(pick(values))
        case .double(let values): return .double(pick(values))
        case .bytes(let values):
            var result = ByteArrays()
            for index in 0..<values.count where keep[index] { result.append(contentsOf: values[index]) }
            return .bytes(result)
        case .fixedBytes(let width, let data):
            var result: [UInt8] = []
            for index in keep.indices where keep[index] {
                result.append(contentsOf: data[(index * width)..<((index + 1) * width)])
            }
            return .fixedBytes(width: width, data: result)
        case .list, .structure, .map:
            return Column(field: Field("", .boolean), storage: self).gather(keep.indices.filter { keep[$0] }).storage
        }
    }
}
