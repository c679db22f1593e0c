#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// An open-addressing hash table from encoded group keys to dense group numbers 0, 1, 2, …
///
/// Keys are kept back to back in one byte buffer (the layout of ``EncodedKeys``), so a lookup
/// allocates nothing and the groups can be sorted by their keys without copying them.
struct KeyTable {
    /// Group number per slot, -1 where empty.
    private var slots: [Int32]
    private var mask: Int
    private(set) var hashes: [UInt64] = []
    /// The groups' keys, group `g` at `keys.bytes[keys.offsets[g]..<keys.offsets[g + 1]]`.
    private(set) var keys = EncodedKeys()

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { hashes.count }

    /// About how many bytes the table takes.
    var memorySize: Int { slots.count * 4 + hashes.count * 8 + keys.bytes.count + keys.offsets.count * 8 }

    /// The group of `key`, added as a new group when it is not in the table yet.
    @inline(__always)
    mutating func group(of key: UnsafeBufferPointer<UInt8>) -> (group: Int, inserted: Bool) {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let group = Int(slots[slot])
            if group < 0 { break }
            if hashes[group] == hash && equal(group, key) { return (group, false) }
            slot = (slot + 1) & mask
        }
        let group = hashes.count
        slots[slot] = Int32(group)
        hashes.append(hash)
        keys.bytes.append(contentsOf: key)
        keys.offsets.append(keys.bytes.count)
        if hashes.count * 2 > slots.count { grow() }
        return (group, true)
    }

    /// The group of `key`, or `nil` when the table does not hold it.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let group = Int(slots[slot])
            if group < 0 { return nil }
            if hashes[group] == hash && equal(group, key) { return group }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private func equal(_ group: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = keys.offsets[group]
        let end = keys.offsets[group + 1]
        guard end - start == key.count else { return false }
        return keys.bytes.withUnsafeBufferPointer { stored in
            key.isEmpty || memcmp(stored.baseAddress! + start, key.baseAddress!, key.count) == 0
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for (group, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(group)
        }
    }

    /// A 64-bit hash of `bytes`: eight bytes at a time, multiplied and folded.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var position = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while position + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
            position += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count {
            tail |= UInt64(bytes[position]) << shift
            shift += 8
            position += 1
        }
        hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
        hash ^= hash >> 32
        return hash
    }
}
