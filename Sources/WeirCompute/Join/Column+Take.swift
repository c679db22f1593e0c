import WeirColumns

extension Column {
    /// The rows at `indices`, in that order, a negative index giving a null.
    func take(_ indices: [Int32]) -> Column {
        let validity = self.validity
        var flags: [Bool]? = nil
        if validity != nil || indices.contains(where: { $0 < 0 }) {
            flags = indices.map { $0 >= 0 && (validity?[Int($0)] ?? true) }
        }
        func pick<T>(_ values: [T], _ zero: T) -> [T] {
            values.withUnsafeBufferPointer { values in
                indices.map { $0 >= 0 ? values[Int($0)] : zero }
            }
        }
        let storage: ColumnStorage
        switch self.storage {
        case .boolean(let values): storage = .boolean(pick(values, false))
        case .int32(let values): storage = .int32(pick(values, 0))
        case .int64(let values): storage = .int64(pick(values, 0))
        case .float(let values): storage = .float(pick(values, 0))
        case .double(let values): storage = .double(pick(values, 0))
        case .bytes(let values):
            var taken = ByteArrays()
            var total = 0
            for index in indices where index >= 0 {
                total += values.offsets[Int(index) + 1] - values.offsets[Int(index)]
            }
            taken.reserve(values: indices.count, bytes: total)
            values.data.withUnsafeBytes { raw in
                for index in indices {
                    guard index >= 0 else {
                        taken.appendEmpty()
                        continue
                    }
                    let row = Int(index)
                    taken.append(UnsafeRawBufferPointer(rebasing: raw[values.offsets[row]..<values.offsets[row + 1]]))
                }
            }
            storage = .bytes(taken)
        case .fixedBytes(let width, let data):
            var taken: [UInt8] = []
            taken.reserveCapacity(indices.count * width)
            for index in indices {
                if index >= 0 {
                    let row = Int(index)
                    taken.append(contentsOf: data[(row * width)..<((row + 1) * width)])
                } else {
                    taken.append(contentsOf: repeatElement(0, count: width))
                }
            }
            storage = .fixedBytes(width: width, data: taken)
        case .list, .structure, .map:
            return gather(orNull: indices.map(Int.init))
        }
        var field = self.field
        if flags != nil { field.nullable = true }
        let allPresent = flags?.allSatisfy { $0 } ?? true
        return Column(field: field, storage: storage, validity: allPresent ? nil : flags)
    }

    /// This column's value where it has one, else `other`'s (same type and length).
    func coalesced(with other: Column) -> Column {
        guard let validity else { return self }
        var builder = ColumnBuilder(field: field, capacity: count)
        for row in 0..<count {
            if validity[row] {
                builder.append(from: self, row: row)
            } else if other.validity?[row] ?? true {
                builder.append(from: other, row: row)
            } else {
                builder.appendNull()
            }
        }
        var column = builder.finish()
        column.field = field
        return column
    }
}
