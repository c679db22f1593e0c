/// Block compression for Parquet pages: each function takes a whole block in memory and returns or fills a whole block.
///
/// Snappy is implemented in Swift; GZIP uses zlib and Brotli uses libbrotli through their headers; ZSTD and LZ4 are
/// loaded at run time from `libzstd.so.1` and `liblz4.so.1`, so a machine without them can still use the others
/// (``isAvailable(_:)`` tells). All functions are safe to call from any thread.
///
/// Default levels: GZIP 6 (zlib's default), ZSTD 1 (as Arrow's Parquet writer), Brotli 1 (its fastest level that
/// still uses a full entropy coder, about as fast as GZIP 1 with a better ratio). Snappy and LZ4 have no levels.
public enum Compression {
    /// Compresses `input` with `codec`.
    ///
    /// - Parameters:
    ///   - input: The bytes of one block.
    ///   - level: The codec's compression level, or nil for the default above. GZIP takes 0–9, Brotli 0–11,
    ///     ZSTD the range its library reports (typically −131072 to 22); the other codecs take none.
    /// - Throws: ``CompressionError`` for a level the codec does not have, a missing library or an input too large.
    public static func compress(
        _ input: UnsafeRawBufferPointer,
        codec: CompressionCodec,
        level: Int? = nil
    ) throws(CompressionError) -> [UInt8] {
        switch codec {
        case .uncompressed:
            try validate(level: level, codec: codec, range: nil)
            return [UInt8](input)
        case .snappy:
            try validate(level: level, codec: codec, range: nil)
            return try SnappyEncoder.compress(input)
        case .gzip:
            return try GzipCodec.compress(input, level: level)
        case .brotli:
            return try BrotliCodec.compress(input, level: level)
        case .zstd:
            return try ZstdCodec.compress(input, level: level)
        case .lz4Raw:
            try validate(level: level, codec: codec, range: nil)
            return try LZ4Codec.compressRaw(input)
        case .lz4:
            try validate(level: level, codec: codec, range: nil)
            return try LZ4Codec.compressHadoop(input)
        }
    }

    /// Decompresses `input`, which must expand to exactly `uncompressedSize` bytes.
    ///
    /// `uncompressedSize` usually comes from a file, so it is checked before anything is allocated: it must be at most
    /// ``maximumUncompressedSize`` and at most what `input.count` bytes can expand to at the codec's best ratio
    /// (22:1 Snappy, 1032:1 GZIP, 32768:1 ZSTD, 256:1 LZ4; Brotli has no such bound, so its output grows as it is
    /// decoded). An empty input with an `uncompressedSize` of 0 is accepted for every codec, as some writers store
    /// empty pages without compressing them.
    ///
    /// - Throws: ``CompressionError`` when the input is corrupt or truncated, expands to another size, or the codec's
    ///   library is missing.
    public static func decompress(
        _ input: UnsafeRawBufferPointer,
        codec: CompressionCodec,
        uncompressedSize: Int
    ) throws(CompressionError) -> [UInt8] {
        try validate(uncompressedSize: uncompressedSize, compressedSize: input.count, codec: codec)
        if codec == .brotli && !input.isEmpty {
            return try BrotliCodec.decompressGrowing(input, uncompressedSize: uncompressedSize)
        }
        var failure: CompressionError?
        let output = [UInt8](unsafeUninitializedCapacity: uncompressedSize) { buffer, count in
            do throws(CompressionError) {
                try decompressValidated(input, codec: codec, into: UnsafeMutableRawBufferPointer(buffer))
                count = uncompressedSize
            } catch {
                failure = error
                count = 0
            }
        }
        if let failure { throw failure }
        return output
    }

    /// Decompresses `input` into `output`, which must be exactly as large as the uncompressed block.
    ///
    /// This is the fast path for page decoding: nothing is allocated for the output. The same checks as
    /// ``decompress(_:codec:uncompressedSize:)`` apply to `output.count`.
    public static func decompress(
        _ input: UnsafeRawBufferPointer,
        codec: CompressionCodec,
        into output: UnsafeMutableRawBufferPointer
    ) throws(CompressionError) {
        try validate(uncompressedSize: output.count, compressedSize: input.count, codec: codec)
        try decompressValidated(input, codec: codec, into: output)
    }

    /// Whether the codec's library can be used on this machine (always true for those built in).
    public static func isAvailable(_ codec: CompressionCodec) -> Bool {
        switch codec {
        case .uncompressed, .snappy, .gzip, .brotli: true
        case .zstd: (try? ZstdLibrary.shared.get()) != nil
        case .lz4Raw, .lz4: (try? LZ4Library.shared.get()) != nil
        }
    }

    private static func decompressValidated(
        _ input: UnsafeRawBufferPointer,
        codec: CompressionCodec,
        into output: UnsafeMutableRawBufferPointer
    ) throws(CompressionError) {
        if input.isEmpty && output.isEmpty { return }
        switch codec {
        case .uncompressed:
            if let source = input.baseAddress, let target = output.baseAddress {
                target.copyMemory(from: source, byteCount: input.count)
            }
        case .snappy: try SnappyDecoder.decompress(input, into: output)
        case .gzip: try GzipCodec.decompress(input, into: output)
        case .brotli: try BrotliCodec.decompress(input, into: output)
        case .zstd: try ZstdCodec.decompress(input, into: output)
        case .lz4Raw: try LZ4Codec.decompressRaw(input, into: output)
        case .lz4: try LZ4Codec.decompressHadoop(input, into: output)
        }
    }
}
