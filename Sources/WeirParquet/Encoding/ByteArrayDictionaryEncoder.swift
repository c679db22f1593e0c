#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Builds the dictionary of a BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY column over the raw bytes.
///
/// Distinct values are stored back to back in one buffer; an open-addressing hash table with
/// linear probing maps a value's hash to its index, and a stored hash per entry lets most probes
/// skip the byte comparison.
struct ByteArrayDictionaryEncoder {
    /// The width of every value for FIXED_LEN_BYTE_ARRAY, `nil` for BYTE_ARRAY.
    let fixedWidth: Int?
    /// The dictionary page may not grow past this many bytes.
    let byteLimit: Int
    /// The distinct values, back to back; entry `i` is `data[offsets[i]..<offsets[i + 1]]`.
    private(set) var data: [UInt8] = []
    private(set) var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Slot → index + 1, 0 for an empty slot.
    private var slots: [UInt32] = Array(repeating: 0, count: 1024)
    /// The PLAIN size of the dictionary page so far.
    private(set) var byteSize = 0

    init(fixedWidth: Int?, byteLimit: Int) {
        self.fixedWidth = fixedWidth
        self.byteLimit = byteLimit
    }

    var count: Int { offsets.count - 1 }

    /// Looks up every non-null value, adding new ones, and writes the indices of the non-null
    /// values to `indices`; value `i` is `bytes[valueOffsets[i]..<valueOffsets[i + 1]]`.
    ///
    /// Stops before the first value that would push the dictionary past its byte limit.
    /// - Returns: how many rows were consumed and how many indices were written.
    mutating func encode(
        valueOffsets: UnsafeBufferPointer<Int>,
        bytes: UnsafeRawBufferPointer,
        validity: UnsafeBufferPointer<Bool>?,
        indices: UnsafeMutablePointer<UInt32>
    ) -> (rows: Int, indices: Int) {
        let rowCount = valueOffsets.count - 1
        let prefix = fixedWidth == nil ? 4 : 0
        var row = 0
        var written = 0
        var slots = self.slots
        var hashes = self.hashes
        self.slots = []
        self.hashes = []
        defer {
            self.slots = slots
            self.hashes = hashes
        }
        let emptyBase = UnsafeRawPointer(bitPattern: 1)!
        let source = bytes.baseAddress ?? emptyBase
        while row < rowCount {
            let blockEnd = min(rowCount, row + 4096)
            if (count + (blockEnd - row)) * 2 > slots.count {
                slots = Self.rehash(
                    hashes: hashes, minimumCapacity: (count + (blockEnd - row)) * 2, current: slots.count)
            }
            let mask = slots.count - 1
            var stopped = false
            while row < blockEnd {
                if let validity, !validity[row] {
                    row += 1
                    continue
                }
                let start = valueOffsets[row]
                let length = valueOffsets[row + 1] - start
                let pointer = source + start
                let hash = ByteHash.hash(pointer, count: length)
                var slot = Int(truncatingIfNeeded: hash) & mask
                var found: UInt32 = 0
                while true {
                    let entry = slots[slot]
                    if entry == 0 { break }
                    let index = Int(entry) - 1
                    if hashes[index] == hash && matches(index, pointer, length) {
                        found = entry
                        break
                    }
                    slot = (slot + 1) & mask
                }
                if found == 0 {
                    if byteSize + prefix + length > byteLimit {
                        stopped = true
                        break
                    }
                    data.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: length))
                    offsets.append(data.count)
                    hashes.append(hash)
                    byteSize += prefix + length
                    found = UInt32(count)
                    slots[slot] = found
                }
                indices[written] = found - 1
                written += 1
                row += 1
            }
            if stopped { break }
        }
        return (row, written)
    }

    private func matches(_ index: Int, _ pointer: UnsafeRawPointer, _ length: Int) -> Bool {
        let start = offsets[index]
        guard offsets[index + 1] - start == length else { return false }
        if length == 0 { return true }
        return data.withUnsafeBytes { stored in
            let entry = stored.baseAddress! + start
            // Short values (category names, station codes) compare faster inline than through memcmp:
            // from 8 to 16 bytes as two overlapping 8-byte words.
            if length >= 8 && length <= 16 {
                return entry.loadUnaligned(as: UInt64.self) == pointer.loadUnaligned(as: UInt64.self)
                    && entry.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
                        == pointer.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            }
            guard length < 8 else { return memcmp(entry, pointer, length) == 0 }
            for offset in 0..<length
            where entry.load(fromByteOffset: offset, as: UInt8.self)
                != pointer.load(fromByteOffset: offset, as: UInt8.self)
            {
                return false
            }
            return true
        }
    }

    private static func rehash(hashes: [UInt64], minimumCapacity: Int, current: Int) -> [UInt32] {
        var capacity = current
        while capacity < minimumCapacity { capacity *= 2 }
        let mask = capacity - 1
        var table = [UInt32](repeating: 0, count: capacity)
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = UInt32(index + 1)
        }
        return table
    }

    /// The dictionary page's PLAIN encoding.
    func encodeDictionary(into output: inout EncoderOutput) {
        data.withUnsafeBytes { raw in
            if fixedWidth != nil {
                output.append(raw)
                return
            }
            offsets.withUnsafeBufferPointer { offsets in
                PlainEncoder.encodeByteArrays(offsets: offsets, data: raw, validity: nil, into: &output)
            }
        }
    }
}
