/// A window of a source in memory, grown when a record runs past its end.
final class ChunkBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes held.
    private(set) var count = 0
    /// The source offset of `base[0]`.
    private(set) var origin = 0
    /// Whether the bytes held reach the end of the source.
    private(set) var reachesEnd = false
    let source: ByteSource

    init(source: ByteSource) {
        self.source = source
        capacity = 1 << 16
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Replaces the contents with `count` bytes from `origin`.
    func load(from origin: Int, count wanted: Int) throws(CSVError) {
        self.origin = origin
        count = 0
        try extend(to: wanted)
    }

    /// Reads on until the buffer holds `newCount` bytes or reaches the end of the source.
    func extend(to newCount: Int) throws(CSVError) {
        let target = min(newCount, source.size - origin)
        if target > capacity {
            var newCapacity = capacity
            while newCapacity < target { newCapacity *= 2 }
            let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            newBase.update(from: base, count: count)
            base.deallocate()
            base = newBase
            capacity = newCapacity
        }
        if target > count {
            count += try source.read(into: base + count, offset: origin + count, count: target - count)
        }
        reachesEnd = origin + count >= source.size
    }

    /// Gives back memory after a chunk with an unusually long record.
    func shrink(to limit: Int) {
        guard capacity > limit && count <= limit else { return }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: limit)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = limit
    }
}
