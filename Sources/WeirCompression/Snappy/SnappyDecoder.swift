/// Snappy's raw block format, decompression side.
///
/// Every element is checked against both buffers before it is copied, so a damaged block throws instead of reading
/// or writing out of bounds. Short literals and copies whose source lies at least 8 bytes back move 8 bytes at a time
/// when both buffers have room to spare.
enum SnappyDecoder {
    /// The uncompressed length a Snappy block declares in its preamble.
    static func declaredLength(_ input: UnsafeRawBufferPointer) throws(CompressionError) -> Int {
        try SnappyVarint.read(input).value
    }

    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
        throws(CompressionError)
    {
        let (declared, headerSize) = try SnappyVarint.read(input)
        guard declared == output.count else {
            throw CompressionError.corrupt(
                .snappy,
                "its preamble declares \(declared) bytes, but its declared uncompressed size is '\(output.count)'"
            )
        }
        guard let source = input.baseAddress else { return }
        let sourceEnd = input.count
        let target = output.baseAddress ?? UnsafeMutableRawPointer(mutating: source)
        let targetEnd = output.count
        var position = headerSize
        var written = 0
        while position < sourceEnd {
            let elementStart = position
            let tag = Int(source.load(fromByteOffset: position, as: UInt8.self))
            position += 1
            let length: Int
            let offset: Int
            switch tag & 3 {
            case 0:
                var literal = tag >> 2 + 1
                if literal > 60 {
                    let extra = literal - 60
                    guard extra <= sourceEnd - position else {
                        throw truncated("literal", at: elementStart, needs: 1 + extra)
                    }
                    var stored = 0
                    for index in 0..<extra {
                        stored |= Int(source.load(fromByteOffset: position + index, as: UInt8.self)) << (8 * index)
                    }
                    position += extra
                    literal = stored + 1
                }
                guard literal <= sourceEnd - position else {
                    throw CompressionError.corrupt(
                        .snappy,
                        "the literal at byte \(elementStart) has length '\(literal)', "
                            + "but only \(sourceEnd - position) bytes follow it"
                    )
                }
                guard literal <= targetEnd - written else {
                    throw overrun(at: elementStart, length: literal, room: targetEnd - written)
                }
                if literal <= 16 && sourceEnd - position >= 16 && targetEnd - written >= 16 {
                    let low = source.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                    let high = source.loadUnaligned(fromByteOffset: position + 8, as: UInt64.self)
                    target.storeBytes(of: low, toByteOffset: written, as: UInt64.self)
                    target.storeBytes(of: high, toByteOffset: written + 8, as: UInt64.self)
                } else {
                    (target + written).copyMemory(from: source + position, byteCount: literal)
                }
                position += literal
                written += literal
                continue
            case 1:
                guard position < sourceEnd else { throw truncated("1-byte-offset copy", at: elementStart, needs: 2) }
                length = (tag >> 2) & 7 + 4
                offset = (tag >> 5) << 8 | Int(source.load(fromByteOffset: position, as: UInt8.self))
                position += 1
            case 2:
                guard sourceEnd - position >= 2 else {
                    throw truncated("2-byte-offset copy", at: elementStart, needs: 3)
                }
                length = tag >> 2 + 1
                offset = Int(UInt16(littleEndian: source.loadUnaligned(fromByteOffset: position, as: UInt16.self)))
                position += 2
            default:
                guard sourceEnd - position >= 4 else {
                    throw truncated("4-byte-offset copy", at: elementStart, needs: 5)
                }
                length = tag >> 2 + 1
                offset = Int(UInt32(littleEndian: source.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
                position += 4
            }
            guard offset != 0 else {
                throw CompressionError.corrupt(.snappy, "the copy at byte \(elementStart) has offset '0'")
            }
            guard offset <= written else {
                throw CompressionError.corrupt(
                    .snappy,
                    "the copy at byte \(elementStart) has offset '\(offset)', "
                        + "which reaches before the start of the output (\(written) bytes written so far)"
                )
            }
            guard length <= targetEnd - written else {
                throw overrun(at: elementStart, length: length, room: targetEnd - written)
            }
            copyMatch(target, from: written - offset, to: written, length: length, room: targetEnd - written)
            written += length
        }
        guard written == targetEnd else {
            throw CompressionError.corrupt(
                .snappy,
                "it ends after \(written) bytes of output, but its preamble declares \(declared) bytes"
            )
        }
    }

    /// Copies `length` bytes within `buffer` from `from` to `to`, front to back, so overlapping copies repeat.
    @inline(__always)
    private static func copyMatch(_ buffer: UnsafeMutableRawPointer, from: Int, to: Int, length: Int, room: Int) {
        let distance = to - from
        if distance >= 8 && room >= length + 8 {
            // Each 8-byte load reads only bytes written before it; the last store may spill into `room`.
            var index = 0
            while index < length {
                let word = buffer.loadUnaligned(fromByteOffset: from + index, as: UInt64.self)
                buffer.storeBytes(of: word, toByteOffset: to + index, as: UInt64.self)
                index += 8
            }
        } else if distance >= length {
            (buffer + to).copyMemory(from: buffer + from, byteCount: length)
        } else if room >= length + 8 {
            // A short repeating pattern: spell 8 bytes of it once, then store them at steps of whole periods.
            var pattern: UInt64 = 0
            for index in 0..<8 {
                let byte = buffer.load(fromByteOffset: from + index % distance, as: UInt8.self)
                pattern |= UInt64(byte) << (8 * index)
            }
            pattern = pattern.littleEndian
            let step = 8 - 8 % distance
            var index = 0
            while index < length {
                buffer.storeBytes(of: pattern, toByteOffset: to + index, as: UInt64.self)
                index += step
            }
        } else if distance == 1 {
            let byte = buffer.load(fromByteOffset: from, as: UInt8.self)
            (buffer + to).initializeMemory(as: UInt8.self, repeating: byte, count: length)
        } else {
            for index in 0..<length {
                let byte = buffer.load(fromByteOffset: from + index, as: UInt8.self)
                buffer.storeBytes(of: byte, toByteOffset: to + index, as: UInt8.self)
            }
        }
    }

    private static func truncated(_ kind: String, at offset: Int, needs count: Int) -> CompressionError {
        CompressionError.corrupt(
            .snappy, "the \(kind) at byte \(offset) needs \(count) bytes, but the block ends first")
    }

    private static func overrun(at offset: Int, length: Int, room: Int) -> CompressionError {
        CompressionError.corrupt(
            .snappy,
            "the element at byte \(offset) writes \(length) bytes, but only \(room) bytes of the declared output remain"
        )
    }
}
