/// Memory one column chunk's encoder reuses for the uncompressed body of every page it compresses,
/// instead of allocating (and faulting in) fresh memory for each page.
final class PageScratch {
    private var base: UnsafeMutableRawPointer?
    private var capacity = 0

    /// A cursor over at least `count` bytes, valid until the next call.
    func output(capacity count: Int) -> EncoderOutput {
        if count > capacity || base == nil {
            base?.deallocate()
            capacity = max(count, 4096, capacity * 2)
            base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        }
        return EncoderOutput(base: base!, capacity: count)
    }

    deinit {
        base?.deallocate()
    }
}
