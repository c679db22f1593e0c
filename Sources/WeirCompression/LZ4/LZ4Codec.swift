/// LZ4 blocks through liblz4: LZ4_RAW is one bare block; the legacy Hadoop codec frames blocks with their sizes.
enum LZ4Codec {
    /// liblz4's `LZ4_MAX_INPUT_SIZE`: the largest block its 32-bit API compresses.
    static let maximumInputSize = 0x7E00_0000

    static func compressRaw(_ input: UnsafeRawBufferPointer) throws(CompressionError) -> [UInt8] {
        let lz4 = try LZ4Library.loaded(for: .lz4Raw)
        let capacity = try bound(input.count, codec: .lz4Raw, lz4)
        var written: Int32 = 0
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            written = compressBlock(input, into: UnsafeMutableRawBufferPointer(buffer), lz4)
            count = max(0, Int(written))
        }
        guard written > 0 else { throw compressionFailed(input.count, codec: .lz4Raw) }
        return output
    }

    static func decompressRaw(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
        throws(CompressionError)
    {
        let lz4 = try LZ4Library.loaded(for: .lz4Raw)
        try decompressBlock(input, into: output, codec: .lz4Raw, lz4)
    }

    /// Compresses `input` into `output`, returning the compressed size or 0 when liblz4 fails.
    static func compressBlock(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, _ lz4: LZ4Library
    )
        -> Int32
    {
        lz4.compressDefault(
            input.baseAddress?.assumingMemoryBound(to: CChar.self),
            output.baseAddress?.assumingMemoryBound(to: CChar.self),
            Int32(input.count), Int32(output.count))
    }

    /// Decodes one raw block that must fill `output` exactly.
    static func decompressBlock(
        _ input: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer,
        codec: CompressionCodec,
        _ lz4: LZ4Library
    ) throws(CompressionError) {
        if let problem = decodeBlock(input, into: output, lz4) { throw CompressionError.corrupt(codec, problem) }
    }

    /// Decodes one raw block that must fill `output` exactly, returning what is wrong with it or nil on success.
    static func decodeBlock(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, _ lz4: LZ4Library
    )
        -> String?
    {
        guard input.count <= Int(Int32.max) else {
            return "the block of \(input.count) bytes is larger than LZ4 allows"
        }
        guard let source = input.baseAddress else {
            return "the block is empty but should expand to \(output.count) bytes"
        }
        var spare: CChar = 0
        let written = withUnsafeMutablePointer(to: &spare) { sparePointer in
            lz4.decompressSafe(
                source.assumingMemoryBound(to: CChar.self),
                output.baseAddress?.assumingMemoryBound(to: CChar.self) ?? sparePointer,
                Int32(input.count), Int32(output.count))
        }
        guard written >= 0 else {
            return "liblz4 rejects the block of \(input.count) bytes at byte \(-Int(written) - 1), "
                + "or it expands to more than \(output.count) bytes"
        }
        guard Int(written) == output.count else {
            return "it expands to \(written) bytes, but its declared uncompressed size is '\(output.count)'"
        }
        return nil
    }

    static func bound(_ count: Int, codec: CompressionCodec, _ lz4: LZ4Library) throws(CompressionError) -> Int {
        guard count <= maximumInputSize else {
            throw CompressionError(
                codec: codec,
                message: "A block of \(count) bytes is too large for \(codec.displayName), which takes at most "
                    + "\(maximumInputSize) bytes. Split the data into smaller pages or row groups."
            )
        }
        return Int(lz4.compressBound(Int32(count)))
    }

    static func compressionFailed(_ count: Int, codec: CompressionCodec) -> CompressionError {
        CompressionError(
            codec: codec,
            message: "liblz4 could not compress a block of \(count) bytes. "
                + "Check the installed liblz4 ('\(LZ4Library.fileName)')."
        )
    }
}
