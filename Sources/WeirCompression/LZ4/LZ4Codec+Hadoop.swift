/// The legacy `LZ4` Parquet codec, which parquet-mr wrote through Hadoop's block framing:
/// repeated [decompressed size, 4 bytes big-endian][compressed size, 4 bytes big-endian][raw LZ4 block].
///
/// Some old parquet-cpp versions wrote a bare LZ4 block under the same codec name, so a block whose framing does not
/// account for every byte exactly is decoded as a bare block instead.
extension LZ4Codec {
    /// Uncompressed bytes per Hadoop frame. Hadoop's reader holds a frame's compressed bytes in a 256 KiB buffer by
    /// default, which the compressed form of 128 KiB always fits.
    static let hadoopFrameSize = 128 * 1024
    private static let prefixSize = 8

    static func compressHadoop(_ input: UnsafeRawBufferPointer) throws(CompressionError) -> [UInt8] {
        let lz4 = try LZ4Library.loaded(for: .lz4)
        let frames = max(1, (input.count + hadoopFrameSize - 1) / hadoopFrameSize)
        let frameBound = try bound(min(input.count, hadoopFrameSize), codec: .lz4, lz4)
        let capacity = frames * (prefixSize + frameBound)
        var failed = false
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            let target = UnsafeMutableRawBufferPointer(buffer)
            var consumed = 0
            var written = 0
            repeat {
                let length = min(hadoopFrameSize, input.count - consumed)
                let source = UnsafeRawBufferPointer(rebasing: input[consumed..<consumed + length])
                let body = UnsafeMutableRawBufferPointer(
                    rebasing: target[(written + prefixSize)..<(written + prefixSize + frameBound)])
                let compressed = compressBlock(source, into: body, lz4)
                guard compressed > 0 else {
                    failed = true
                    break
                }
                target.storeBytes(of: UInt32(length).bigEndian, toByteOffset: written, as: UInt32.self)
                target.storeBytes(of: UInt32(compressed).bigEndian, toByteOffset: written + 4, as: UInt32.self)
                written += prefixSize + Int(compressed)
                consumed += length
            } while consumed < input.count
            count = failed ? 0 : written
        }
        guard !failed else { throw compressionFailed(input.count, codec: .lz4) }
        return output
    }

    static func decompressHadoop(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
        throws(CompressionError)
    {
        let lz4 = try LZ4Library.loaded(for: .lz4)
        guard let framingProblem = decodeHadoopFrames(input, into: output, lz4) else { return }
        guard let blockProblem = decodeBlock(input, into: output, lz4) else { return }
        throw CompressionError.corrupt(
            .lz4, "it is neither Hadoop-framed LZ4 (\(framingProblem)) nor a bare LZ4 block (\(blockProblem))")
    }

    /// Decodes Hadoop frames that must account for every byte of `input` and `output`, returning what is wrong with
    /// them or nil on success.
    private static func decodeHadoopFrames(
        _ input: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer,
        _ lz4: LZ4Library
    ) -> String? {
        var consumed = 0
        var written = 0
        while consumed < input.count {
            guard input.count - consumed >= prefixSize else {
                return "the frame header at byte \(consumed) is cut short"
            }
            let decompressed = Int(UInt32(bigEndian: input.loadUnaligned(fromByteOffset: consumed, as: UInt32.self)))
            let compressed = Int(UInt32(bigEndian: input.loadUnaligned(fromByteOffset: consumed + 4, as: UInt32.self)))
            guard compressed <= input.count - consumed - prefixSize, decompressed <= output.count - written else {
                return "the frame at byte \(consumed) declares sizes \(decompressed) and \(compressed) "
                    + "that do not fit the block"
            }
            consumed += prefixSize
            let problem = decodeBlock(
                UnsafeRawBufferPointer(rebasing: input[consumed..<consumed + compressed]),
                into: UnsafeMutableRawBufferPointer(rebasing: output[written..<written + decompressed]),
                lz4)
            if let problem { return "in the frame at byte \(consumed - prefixSize), \(problem)" }
            consumed += compressed
            written += decompressed
        }
        guard written == output.count else {
            return "its frames expand to \(written) bytes, but its declared uncompressed size is '\(output.count)'"
        }
        return nil
    }
}
