/// A fast 64-bit hash of a byte string for the dictionary encoders' hash tables.
///
/// Not cryptographic and not stable across versions: it only has to spread the values of one
/// column chunk over a power-of-two table, so it mixes eight bytes at a time with multiplications.
enum ByteHash {
    @inline(__always)
    static func hash(_ pointer: UnsafeRawPointer, count: Int) -> UInt64 {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ (UInt64(truncatingIfNeeded: count) &* 0xFF51_AFD7_ED55_8CCD)
        var offset = 0
        while offset + 8 <= count {
            let word = pointer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            state = (state ^ word) &* 0xBF58_476D_1CE4_E5B9
            state ^= state >> 31
            offset += 8
        }
        if offset < count {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                word |= UInt64(pointer.load(fromByteOffset: offset, as: UInt8.self)) << shift
                shift += 8
                offset += 1
            }
            state = (state ^ word) &* 0x94D0_49BB_1331_11EB
            state ^= state >> 29
        }
        state ^= state >> 32
        state = state &* 0xD6E8_FEB8_6659_FD93
        state ^= state >> 32
        return state
    }
}
