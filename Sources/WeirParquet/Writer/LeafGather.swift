import WeirColumns

/// Gathers a flat leaf's values at the shredder's slots in one pass over raw memory: a slot of
/// -1 (a null or empty list above the leaf) gets a zero placeholder and a false validity flag.
enum LeafGather {
    static func gather(_ column: Column, at slots: [Int]) -> (storage: ColumnStorage, validity: [Bool]?) {
        slots.withUnsafeBufferPointer { slots in
            let validity = flags(column.validity, slots)
            let storage: ColumnStorage
            switch column.storage {
            case .boolean(let values): storage = .boolean(fixed(values, slots, zero: false))
            case .int32(let values): storage = .int32(fixed(values, slots, zero: 0))
            case .int64(let values): storage = .int64(fixed(values, slots, zero: 0))
            case .float(let values): storage = .float(fixed(values, slots, zero: 0))
            case .double(let values): storage = .double(fixed(values, slots, zero: 0))
            case .bytes(let values): storage = .bytes(bytes(values, slots))
            case .fixedBytes(let width, let data):
                storage = .fixedBytes(width: width, data: fixedBytes(data, width, slots))
            case .list, .structure, .map:
                preconditionFailure("a leaf column is flat")
            }
            return (storage, validity)
        }
    }

    /// `nil` when every slot holds a value.
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
