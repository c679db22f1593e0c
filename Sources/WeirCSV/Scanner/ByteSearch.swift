/// Finds the next byte a field scan must stop at, eight bytes at a time.
enum ByteSearch {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The first index in `start..<end` whose byte has `stop` in `classes`, or `end`.
    ///
    /// Each word is tested for bytes equal to `pattern`'s byte and for bytes below 0x0E (which
    /// holds LF and CR); the lowest flagged byte is exact, and one that the table does not stop at
    /// (a tab, say) is stepped over.
    @inline(__always)
    static func next(
        _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, pattern: UInt64,
        classes: UnsafeMutablePointer<UInt8>, stop: UInt8
    ) -> Int {
        var i = start
        while i &+ 8 <= end {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self).littleEndian
            let matched = word ^ pattern
            let equal = (matched &- ones) & ~matched & highs
            let control = (word &- ones &* 0x0E) & ~word & highs
            let mask = equal | control
            if mask == 0 {
                i &+= 8
                continue
            }
            let candidate = i &+ mask.trailingZeroBitCount >> 3
            if classes[Int(base[candidate])] & stop != 0 { return candidate }
            i = candidate &+ 1
        }
        while i < end && classes[Int(base[i])] & stop == 0 { i &+= 1 }
        return i
    }
}
