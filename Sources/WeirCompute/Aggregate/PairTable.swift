/// An open-addressing hash table from a pair of integers to a dense number 0, 1, 2, …
///
/// It sits in front of ``KeyTable`` when the group key is a small prefix (a text or integer
/// column, numbered once per distinct value) and a 64-bit integer (a time bucket): a row's group
/// is then found by hashing two integers instead of encoding and hashing its key bytes. A slot
/// holds the pair and its number together, so a probe touches one cache line.
struct PairTable {
    struct Slot {
        var second: Int64
        var first: Int32
        /// -1 where the slot is empty.
        var value: Int32
    }

    private var slots: [Slot]
    private var mask: Int
    /// 64 minus the bits of a slot number: the hash's top bits pick the slot.
    private var shift: UInt64
    private(set) var count = 0
    /// Slots per entry the table keeps while it is small (a few distinct values looked up for every
    /// row): with most slots empty, a probe rarely goes past its first slot.
    private let sparseness: Int

    /// - Parameters:
    ///   - capacity: the entries expected.
    ///   - sparse: whether to keep up to 8 slots an entry while the table takes at most 1 MiB (else 2).
    init(capacity: Int = 1024, sparse: Bool = false) {
        sparseness = sparse ? 8 : 2
        var size = 16
        while size < capacity * sparseness { size <<= 1 }
        slots = Array(repeating: Slot(second: 0, first: 0, value: -1), count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// About how many bytes the table takes.
    var memorySize: Int { slots.count * MemoryLayout<Slot>.stride }

    /// The first slot to probe for the pair. Multiplying leaves the product's top bits depending on
    /// every bit of the pair (bucket keys share their low bits, text its first bytes), so they pick it.
    @inline(__always)
    private func home(_ first: Int32, _ second: Int64) -> Int {
        let mixed = UInt64(bitPattern: second) &+ UInt64(UInt32(bitPattern: first)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: (mixed &* 0xBF58_476D_1CE4_E5B9) >> shift)
    }

    /// The number of `(first, second)`, or -1 when it has none.
    @inline(__always)
    func value(of first: Int32, _ second: Int64) -> Int32 {
        slots.withUnsafeBufferPointer { slots in
            var slot = home(first, second)
            while true {
                let entry = slots[slot]
                if entry.value < 0 || (entry.second == second && entry.first == first) { return entry.value }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Gives `(first, second)` the number `value`; the pair must not be in the table.
    mutating func insert(_ first: Int32, _ second: Int64, value: Int32) {
        var slot = home(first, second)
        while slots[slot].value >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Slot(second: second, first: first, value: value)
        count += 1
        let spread = sparseness > 2 && slots.count * MemoryLayout<Slot>.stride < 1 << 20 ? sparseness : 2
        if count * spread > slots.count { grow() }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(second: 0, first: 0, value: -1), count: old.count * 2)
        mask = slots.count - 1
        shift -= 1
        count = 0
        for entry in old where entry.value >= 0 { insert(entry.first, entry.second, value: entry.value) }
    }
}
