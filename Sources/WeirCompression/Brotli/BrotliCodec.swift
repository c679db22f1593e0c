import CBrotli

/// Brotli through libbrotlienc and libbrotlidec.
enum BrotliCodec {
    /// Quality 1: Brotli's fastest level with context modelling, close to GZIP 1 in speed and better in ratio.
    /// Higher qualities (Arrow defaults to 8) cost several times the CPU for a few percent.
    static let defaultQuality = 1
    private static let chunkSize = 1 << 16

    static func compress(_ input: UnsafeRawBufferPointer, level: Int?) throws(CompressionError) -> [UInt8] {
        try Compression.validate(
            level: level, codec: .brotli, range: Int(BROTLI_MIN_QUALITY)...Int(BROTLI_MAX_QUALITY))
        let capacity = BrotliEncoderMaxCompressedSize(input.count)
        guard capacity > 0 else {
            throw CompressionError(
                codec: .brotli,
                message: "A block of \(input.count) bytes is too large for Brotli. "
                    + "Split the data into smaller pages or row groups."
            )
        }
        var succeeded = false
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var encodedSize = capacity
            let source = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
            succeeded =
                BrotliEncoderCompress(
                    Int32(level ?? defaultQuality), BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, input.count, source,
                    &encodedSize, buffer.baseAddress) == BROTLI_TRUE
            count = succeeded ? encodedSize : 0
        }
        guard succeeded else {
            throw CompressionError(
                codec: .brotli,
                message: "Brotli could not compress a block of \(input.count) bytes. "
                    + "The Brotli library failed, probably for lack of memory; free some memory and try again."
            )
        }
        return output
    }

    /// Decodes into caller memory of exactly the expected size.
    static func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
        throws(CompressionError)
    {
        let decoder = try Decoder()
        defer { decoder.close() }
        var availableIn = input.count
        var nextIn = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        var availableOut = output.count
        var nextOut = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
        let result = BrotliDecoderDecompressStream(decoder.state, &availableIn, &nextIn, &availableOut, &nextOut, nil)
        try decoder.check(result, written: output.count - availableOut, expected: output.count, leftover: availableIn)
    }

    /// Decodes into an array that grows with the actual output, so a false declared size cannot make Weir allocate
    /// memory the data never fills.
    static func decompressGrowing(_ input: UnsafeRawBufferPointer, uncompressedSize: Int) throws(CompressionError)
        -> [UInt8]
    {
        let decoder = try Decoder()
        defer { decoder.close() }
        var output: [UInt8] = []
        output.reserveCapacity(min(uncompressedSize, input.count &* 32 &+ (1 << 20)))
        var chunk = [UInt8](repeating: 0, count: min(chunkSize, uncompressedSize + 1))
        var availableIn = input.count
        var nextIn = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        while true {
            let (result, produced) = chunk.withUnsafeMutableBufferPointer { buffer in
                var availableOut = buffer.count
                var nextOut = buffer.baseAddress
                let result = BrotliDecoderDecompressStream(
                    decoder.state, &availableIn, &nextIn, &availableOut, &nextOut, nil)
                return (result, buffer.count - availableOut)
            }
            guard produced <= uncompressedSize - output.count else {
                throw CompressionError.sizeMismatch(
                    .brotli, expected: uncompressedSize, actual: "more than \(uncompressedSize)")
            }
            output.append(contentsOf: chunk[0..<produced])
            if result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT { continue }
            try decoder.check(result, written: output.count, expected: uncompressedSize, leftover: availableIn)
            return output
        }
    }

    /// One decoder state, released by `close()`.
    private struct Decoder {
        let state: OpaquePointer

        init() throws(CompressionError) {
            guard let state = BrotliDecoderCreateInstance(nil, nil, nil) else {
                throw CompressionError(
                    codec: .brotli,
                    message: "Brotli could not create a decoder, probably for lack of memory. "
                        + "Free some memory and try again."
                )
            }
            self.state = state
        }

        func close() { BrotliDecoderDestroyInstance(state) }

        /// Turns the final result of a decoding call into success or a precise error.
        func check(_ result: BrotliDecoderResult, written: Int, expected: Int, leftover: Int) throws(CompressionError) {
            switch result {
            case BROTLI_DECODER_RESULT_SUCCESS:
                guard leftover == 0 else {
                    throw CompressionError.corrupt(.brotli, "\(leftover) bytes follow the end of the Brotli stream")
                }
                guard written == expected else {
                    throw CompressionError.sizeMismatch(.brotli, expected: expected, actual: "\(written)")
                }
            case BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:
                throw CompressionError.sizeMismatch(.brotli, expected: expected, actual: "more than \(expected)")
            case BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:
                throw CompressionError.corrupt(.brotli, "the stream is truncated after \(written) bytes of output")
            default:
                let code = BrotliDecoderGetErrorCode(state)
                let name = String(cString: BrotliDecoderErrorString(code))
                throw CompressionError.corrupt(
                    .brotli, "the decoder reports '\(name)' after \(written) bytes of output")
            }
        }
    }
}
