extension Column {
    /// The rows at `indices`, in that order, a negative index giving a null row (an empty list or
    /// map, a struct of nulls, a zero or empty placeholder value); the field is then nullable.
    ///
    /// Flat columns are gathered in one pass over raw memory: this is how the Parquet writer lays
    /// out a nested column's leaf values and how a join takes its rows.
    public func gather(orNull indices: [Int]) -> Column {
        let padded = indices.contains { $0 < 0 }
        if !padded && field.type.isNested { return gather(indices) }
        var gathered = field
        if padded { gathered.nullable = true }
        let storage: ColumnStorage
        let validity: [Bool]?
        switch self.storage {
        case .list(let offsets, let elements):
            let (newOffsets, children) = Self.gatherRanges(offsets, indices)
            storage = .list(offsets: newOffsets, elements: elements.gather(children))
            validity = Self.flags(self.validity, indices)
        case .structure(_, let fields):
            storage = .structure(count: indices.count, fields: fields.map { $0.gather(orNull: indices) })
            validity = Self.flags(self.validity, indices)
        case .map(let offsets, let keys, let values):
            let (newOffsets, children) = Self.gatherRanges(offsets, indices)
            storage = .map(offsets: newOffsets, keys: keys.gather(children), values: values.gather(children))
            validity = Self.flags(self.validity, indices)
        default:
            (storage, validity) = indices.withUnsafeBufferPointer { slots in
                (Self.gatherFlat(self.storage, slots), Self.flags(self.validity, slots))
            }
        }
        return Column(field: gathered, storage: storage, validity: validity)
    }

    private static func flags(_ validity: [Bool]?, _ indices: [Int]) -> [Bool]? {
        indices.withUnsafeBufferPointer { flags(validity, $0) }
    }

    /// Whether each slot holds a value; `nil` when every one does.
    private static func flags(_ validity: [Bool]?, _ slots: UnsafeBufferPointer<Int>) -> [Bool]? {
        var allValid = true
        let result = [Bool](unsafeUninitializedCapacity: slots.count) { buffer, count in
            if let validity {
                validity.withUnsafeBufferPointer { valid in
                    for index in 0..<slots.count {
                        let slot = slots[index]
                        let flag = slot >= 0 && valid[slot]
                        buffer[index] = flag
                        if !flag { allValid = false }
                    }
                }
            } else {
                for index in 0..<slots.count {
                    let flag = slots[index] >= 0
                    buffer[index] = flag
                    if !flag { allValid = false }
                }
            }
            count = slots.count
        }
        return allValid ? nil : result
    }

    private static func gatherFlat(_ storage: ColumnStorage, _ slots: UnsafeBufferPointer<Int>) -> ColumnStorage {
        switch storage {
        case .boolean(let values): .boolean(fixed(values, slots, zero: false))
        case .int32(let values): .int32(fixed(values, slots, zero: 0))
        case .int64(let values): .int64(fixed(values, slots, zero: 0))
        case .float(let values): .float(fixed(values, slots, zero: 0))
        case .double(let values): .double(fixed(values, slots, zero: 0))
        case .bytes(let values): .bytes(bytes(values, slots))
        case .fixedBytes(let width, let data): .fixedBytes(width: width, data: fixedBytes(data, width, slots))
        case .list, .structure, .map: preconditionFailure("a flat column was expected")
        }
    }

    private static func fixed<T>(_ values: [T], _ slots: UnsafeBufferPointer<Int>, zero: T) -> [T] {
        values.withUnsafeBufferPointer { source in
            [T](unsafeUninitializedCapacity: slots.count) { buffer, count in
                for index in 0..<slots.count {
                    let slot = slots[index]
                    (buffer.baseAddress! + index).initialize(to: slot >= 0 ? source[slot] : zero)
                }
                count = slots.count
            }
        }
    }

    private static func bytes(_ values: ByteArrays, _ slots: UnsafeBufferPointer<Int>) -> ByteArrays {
        values.offsets.withUnsafeBufferPointer { offsets in
            var total = 0
            let newOffsets = [Int](unsafeUninitializedCapacity: slots.count + 1) { buffer, count in
                buffer[0] = 0
                for index in 0..<slots.count {
                    let slot = slots[index]
                    if slot >= 0 { total += offsets[slot + 1] - offsets[slot] }
                    buffer[index + 1] = total
                }
                count = slots.count + 1
            }
            let data = values.data.withUnsafeBytes { source in
                [UInt8](unsafeUninitializedCapacity: total) { buffer, count in
                    var at = 0
                    for index in 0..<slots.count {
                        let slot = slots[index]
                        guard slot >= 0 else { continue }
                        let length = offsets[slot + 1] - offsets[slot]
                        if length > 0 {
                            UnsafeMutableRawPointer(buffer.baseAddress! + at).copyMemory(
                                from: source.baseAddress! + offsets[slot], byteCount: length)
                        }
                        at += length
                    }
                    count = total
                }
            }
            return ByteArrays(offsets: newOffsets, data: data)
        }
    }

    private static func fixedBytes(_ data: [UInt8], _ width: Int, _ slots: UnsafeBufferPointer<Int>) -> [UInt8] {
        data.withUnsafeBytes { source in
            [UInt8](unsafeUninitializedCapacity: slots.count * width) { buffer, count in
                for index in 0..<slots.count {
                    let target = UnsafeMutableRawPointer(buffer.baseAddress! + index * width)
                    let slot = slots[index]
                    if slot >= 0 {
                        target.copyMemory(from: source.baseAddress! + slot * width, byteCount: width)
                    } else {
                        target.initializeMemory(as: UInt8.self, repeating: 0, count: width)
                    }
                }
                count = slots.count * width
            }
        }
    }
}
