/// A write cursor over memory sized in advance for an encoder's worst case.
///
/// Encoders compute an upper bound of their output first (see the `maxEncodedSize` functions),
/// then write through this cursor without growing a buffer value by value. Every write checks
/// the bound, so a wrong bound stops the program instead of corrupting memory.
struct EncoderOutput {
    let base: UnsafeMutableRawPointer
    let capacity: Int
    private(set) var count: Int = 0

    init(base: UnsafeMutableRawPointer, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    /// Builds a byte array of at most `capacity` bytes with `body` writing through a cursor.
    static func bytes(capacity: Int, _ body: (inout EncoderOutput) -> Void) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: max(capacity, 1)) { buffer, initialized in
            var output = EncoderOutput(base: UnsafeMutableRawPointer(buffer.baseAddress!), capacity: capacity)
            body(&output)
            initialized = output.count
        }
    }

    var remaining: Int { capacity - count }

    /// The next byte to write.
    var cursor: UnsafeMutableRawPointer { base + count }

    /// Claims `length` bytes that the caller has just written at `cursor`.
    @inline(__always)
    mutating func advance(by length: Int) {
        precondition(length >= 0 && length <= capacity - count, "encoder output bound exceeded")
        count += length
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        precondition(count < capacity, "encoder output bound exceeded")
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        precondition(bytes.count <= capacity - count, "encoder output bound exceeded")
        (base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Appends an integer in little-endian byte order.
    @inline(__always)
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        precondition(MemoryLayout<T>.size <= capacity - count, "encoder output bound exceeded")
        (base + count).storeBytes(of: value.littleEndian, as: T.self)
        count += MemoryLayout<T>.size
    }

    /// Appends an unsigned LEB128 varint (at most 10 bytes).
    @inline(__always)
    mutating func appendVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        append(UInt8(rest))
    }

    /// Overwrites four bytes already written at `offset` with `value` in little-endian order.
    mutating func patchLittleEndian(_ value: UInt32, at offset: Int) {
        precondition(offset >= 0 && offset + 4 <= count, "patch outside the written bytes")
        (base + offset).storeBytes(of: value.littleEndian, as: UInt32.self)
    }
}
