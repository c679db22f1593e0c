import CZlib

/// GZIP through zlib: deflate with a gzip header on the way in; inflate with header auto-detection on the way out,
/// decoding every concatenated member.
enum GzipCodec {
    static let defaultLevel = Int(Z_DEFAULT_COMPRESSION)
    /// zlib's windowBits: 15 for a 32 KiB window, +16 to write a gzip wrapper, +32 to accept gzip or zlib.
    private static let writeGzip: Int32 = 15 + 16
    private static let detectWrapper: Int32 = 15 + 32
    /// zlib counts in 32-bit `uInt`; larger buffers are fed in pieces of this size.
    private static let piece = 1 << 30

    static func compress(_ input: UnsafeRawBufferPointer, level: Int?) throws(CompressionError) -> [UInt8] {
        try Compression.validate(level: level, codec: .gzip, range: 0...9)
        var stream = z_stream()
        let status = deflateInit2_(
            &stream, Int32(level ?? defaultLevel), Z_DEFLATED, writeGzip, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw failure("could not start deflate", status, &stream) }
        defer { deflateEnd(&stream) }
        var output: [UInt8] = []
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        output.reserveCapacity(bound)
        var chunk = [UInt8](repeating: 0, count: min(max(bound, 64), 1 << 20))
        var consumed = 0
        while true {
            let feed = min(piece, input.count - consumed)
            let finishing = consumed + feed == input.count
            stream.next_in = UnsafeMutablePointer(
                mutating: input.baseAddress?.advanced(by: consumed).assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(feed)
            var done = false
            repeat {
                let produced = chunk.withUnsafeMutableBytes { buffer -> (Int32, Int) in
                    stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(buffer.count)
                    let status = deflate(&stream, finishing ? Z_FINISH : Z_NO_FLUSH)
                    return (status, buffer.count - Int(stream.avail_out))
                }
                guard produced.0 == Z_OK || produced.0 == Z_STREAM_END || produced.0 == Z_BUF_ERROR else {
                    throw failure("deflate failed", produced.0, &stream)
                }
                output.append(contentsOf: chunk[0..<produced.1])
                done = produced.0 == Z_STREAM_END
            } while stream.avail_out == 0 || (finishing && !done)
            consumed += feed - Int(stream.avail_in)
            if done { return output }
        }
    }

    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
        throws(CompressionError)
    {
        var stream = z_stream()
        let status = inflateInit2_(&stream, detectWrapper, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw failure("could not start inflate", status, &stream) }
        defer { inflateEnd(&stream) }
        guard let source = input.baseAddress else {
            throw CompressionError.corrupt(.gzip, "the block is empty but should expand to \(output.count) bytes")
        }
        var consumed = 0
        var written = 0
        var members = 1
        // Receives output beyond the expected size, which proves the block is too large.
        var spill: UInt8 = 0
        while true {
            let feed = min(piece, input.count - consumed)
            stream.next_in = UnsafeMutablePointer(mutating: (source + consumed).assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(feed)
            let room = min(piece, output.count - written)
            let status = withUnsafeMutablePointer(to: &spill) { spillPointer -> Int32 in
                if room > 0, let target = output.baseAddress {
                    stream.next_out = (target + written).assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(room)
                } else {
                    stream.next_out = spillPointer
                    stream.avail_out = 1
                }
                return inflate(&stream, Z_NO_FLUSH)
            }
            consumed += feed - Int(stream.avail_in)
            if room > 0 {
                written += room - Int(stream.avail_out)
            } else if stream.avail_out == 0 {
                throw CompressionError.sizeMismatch(.gzip, expected: output.count, actual: "more than \(output.count)")
            }
            switch status {
            case Z_STREAM_END:
                guard consumed < input.count else {
                    guard written == output.count else {
                        throw CompressionError.sizeMismatch(.gzip, expected: output.count, actual: "\(written)")
                    }
                    return
                }
                // Another gzip member follows: decode it into the same output.
                inflateReset(&stream)
                members += 1
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                throw CompressionError.corrupt(
                    .gzip,
                    "member \(members) is truncated: the block ends after \(input.count) bytes "
                        + "with \(written) bytes decoded"
                )
            default:
                throw failure("member \(members) cannot be inflated at byte \(consumed)", status, &stream)
            }
        }
    }

    private static func failure(_ what: String, _ status: Int32, _ stream: inout z_stream) -> CompressionError {
        let reason = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
        switch status {
        case Z_DATA_ERROR, Z_NEED_DICT:
            return .corrupt(.gzip, "\(what): \(reason)")
        case Z_MEM_ERROR:
            return CompressionError(
                codec: .gzip, message: "GZIP \(what): zlib ran out of memory. Free some memory and try again.")
        default:
            return CompressionError(
                codec: .gzip,
                message: "GZIP \(what): \(reason). This is a zlib failure; check the installed zlib ('libz.so.1').")
        }
    }
}
