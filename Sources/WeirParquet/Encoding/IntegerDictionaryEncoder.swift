/// Builds the dictionary of a fixed-width numeric column, keyed by the values' bit patterns.
///
/// An open-addressing hash table with linear probing maps each distinct bit pattern to its index
/// in insertion order; floating-point values are keyed by their bits, so `-0.0` and `0.0` (and
/// NaNs with different payloads) stay distinct and read back exactly.
struct IntegerDictionaryEncoder<Key: FixedWidthInteger & UnsignedInteger> {
    /// The distinct values in first-seen order: the dictionary page.
    private(set) var keys: [Key] = []
    /// Slot → index + 1, 0 for an empty slot.
    private var slots: [UInt32]
    private var shift: UInt64
    /// The dictionary page may not grow past this many bytes.
    let byteLimit: Int

    init(byteLimit: Int) {
        self.byteLimit = byteLimit
        slots = Array(repeating: 0, count: 1024)
        shift = 64 - 10
    }

    var count: Int { keys.count }
    var byteSize: Int { keys.count * MemoryLayout<Key>.size }
    private var maxKeys: Int { byteLimit / MemoryLayout<Key>.size }

    /// Looks up every non-null value of `values`, adding new ones, and writes the indices of the
    /// non-null values to `indices`.
    ///
    /// Stops before the first value that would push the dictionary past its byte limit.
    /// - Returns: how many rows of `values` were consumed and how many indices were written.
    mutating func encode(
        _ values: UnsafeBufferPointer<Key>,
        validity: UnsafeBufferPointer<Bool>?,
        indices: UnsafeMutablePointer<UInt32>
    ) -> (rows: Int, indices: Int) {
        var row = 0
        var written = 0
        let limit = maxKeys
        var keys = self.keys
        var slots = self.slots
        self.keys = []
        self.slots = []
        defer {
            self.keys = keys
            self.slots = slots
        }
        let block = 4096
        outer: while row < values.count {
            // Grow before the block so that the table stays at most half full inside it.
            let blockEnd = min(values.count, row + block)
            if (keys.count + (blockEnd - row)) * 2 > slots.count {
                rehash(&slots, keys: keys, minimumCapacity: (keys.count + (blockEnd - row)) * 2)
            }
            keys.reserveCapacity(keys.count + (blockEnd - row))
            let mask = slots.count - 1
            let shift = self.shift
            let stopped: Bool = slots.withUnsafeMutableBufferPointer { table in
                while row < blockEnd {
                    if let validity, !validity[row] {
                        row += 1
                        continue
                    }
                    let key = values[row]
                    var slot = Int(
                        truncatingIfNeeded: (UInt64(truncatingIfNeeded: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
                    while true {
                        let entry = table[slot]
                        if entry == 0 {
                            if keys.count >= limit { return true }
                            keys.append(key)
                            table[slot] = UInt32(keys.count)
                            indices[written] = UInt32(keys.count - 1)
                            break
                        }
                        if keys[Int(entry) - 1] == key {
                            indices[written] = entry - 1
                            break
                        }
                        slot = (slot + 1) & mask
                    }
                    written += 1
                    row += 1
                }
                return false
            }
            if stopped { break outer }
        }
        return (row, written)
    }

    private mutating func rehash(_ slots: inout [UInt32], keys: [Key], minimumCapacity: Int) {
        var capacity = slots.count
        while capacity < minimumCapacity { capacity *= 2 }
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        let mask = capacity - 1
        var table = [UInt32](repeating: 0, count: capacity)
        for (index, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: (UInt64(truncatingIfNeeded: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = UInt32(index + 1)
        }
        slots = table
    }

    /// The dictionary page's PLAIN encoding: the keys' bytes in little-endian order.
    func encodeDictionary(into output: inout EncoderOutput) {
        keys.withUnsafeBytes { output.append($0) }
    }
}
