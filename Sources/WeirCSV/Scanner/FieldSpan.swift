/// Where one field's content lies in a chunk buffer (without its enclosing quotes).
///
/// Offsets are relative to the buffer, which is always smaller than 2 GiB, so the top bit of each
/// holds a flag.
struct FieldSpan {
    private var rawStart: UInt32
    private var rawEnd: UInt32

    @inline(__always)
    init(start: Int, end: Int, quoted: Bool = false, needsUnescape: Bool = false) {
        rawStart = UInt32(truncatingIfNeeded: start) | (quoted ? 0x8000_0000 : 0)
        rawEnd = UInt32(truncatingIfNeeded: end) | (needsUnescape ? 0x8000_0000 : 0)
    }

    @inline(__always) var start: Int { Int(rawStart & 0x7FFF_FFFF) }
    @inline(__always) var end: Int { Int(rawEnd & 0x7FFF_FFFF) }
    @inline(__always) var count: Int { end - start }
    /// The field was enclosed in quotes (so it is never null).
    @inline(__always) var quoted: Bool { rawStart & 0x8000_0000 != 0 }
    /// The content holds doubled quotes or escapes that must be removed before use.
    @inline(__always) var needsUnescape: Bool { rawEnd & 0x8000_0000 != 0 }
}

/// Where one accepted row lies in a chunk buffer.
struct RowSpan {
    /// Offset of the row's first byte in the buffer.
    var start: UInt32
    /// Offset just past the row's last byte, before its line break.
    var end: UInt32
    /// 0-based line of the row's first byte, counted from the start of the chunk.
    var line: UInt32
}
