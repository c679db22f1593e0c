/// ZSTD through libzstd's one-shot functions.
enum ZstdCodec {
    /// Level 1, as Arrow's Parquet writer uses: most of ZSTD's ratio at several hundred MB/s.
    static let defaultLevel = 1

    static func compress(_ input: UnsafeRawBufferPointer, level: Int?) throws(CompressionError) -> [UInt8] {
        let zstd = try ZstdLibrary.shared.get()
        try Compression.validate(level: level, codec: .zstd, range: zstd.levels)
        let capacity = zstd.compressBound(input.count)
        guard zstd.isError(capacity) == 0 else {
            throw CompressionError(
                codec: .zstd,
                message: "A block of \(input.count) bytes is too large for ZSTD. "
                    + "Split the data into smaller pages or row groups."
            )
        }
        var status = 0
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            status = zstd.compress(
                buffer.baseAddress, capacity, input.baseAddress, input.count, Int32(level ?? defaultLevel))
            count = zstd.isError(status) == 0 ? status : 0
        }
        guard zstd.isError(status) == 0 else {
            throw CompressionError(
                codec: .zstd,
                message: "ZSTD could not compress a block of \(input.count) bytes: \(zstd.message(for: status)). "
                    + "Free some memory or try another level."
            )
        }
        return output
    }

    /// Decodes every frame in `input` (libzstd decodes concatenated frames and skips skippable ones).
    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
        throws(CompressionError)
    {
        let zstd = try ZstdLibrary.shared.get()
        var spare: UInt8 = 0
        let written = withUnsafeMutablePointer(to: &spare) { sparePointer in
            zstd.decompress(
                output.baseAddress ?? UnsafeMutableRawPointer(sparePointer), output.count,
                input.baseAddress, input.count)
        }
        guard zstd.isError(written) == 0 else {
            let reason = zstd.message(for: written)
            if zstd.errorCode(written) == ZstdLibrary.destinationTooSmall {
                throw CompressionError.sizeMismatch(.zstd, expected: output.count, actual: "more than \(output.count)")
            }
            throw CompressionError.corrupt(.zstd, "libzstd reports '\(reason)'")
        }
        guard written == output.count else {
            throw CompressionError.sizeMismatch(.zstd, expected: output.count, actual: "\(written)")
        }
    }
}
