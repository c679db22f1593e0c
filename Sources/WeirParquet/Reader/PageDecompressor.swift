import WeirCompression

/// Decompresses page bodies with the column chunk's codec through WeirCompression.
enum PageDecompressor {
    /// Decompresses `input` into exactly `output.count` bytes.
    ///
    /// - Throws: `.codec` when the codec is unknown or its library missing, or the data is corrupt
    ///   or does not decompress to the size the page header gives.
    static func decompress(
        _ input: UnsafeRawBufferPointer, codec: ParquetCompressionCodec, into output: UnsafeMutableRawBufferPointer
    ) throws(ParquetError) {
        guard let codec = codec.compressionCodec else {
            throw ParquetError(.codec, "The compression codec \(codec) is not one Weir reads.")
        }
        do throws(CompressionError) {
            try Compression.decompress(input, codec: codec, into: output)
        } catch {
            throw ParquetError(.codec, error.message)
        }
    }

    /// Whether `compressed` bytes of `codec` data can expand to `uncompressed` bytes at all, checked
    /// before a buffer of that size is allocated.
    static func canExpand(_ compressed: Int, to uncompressed: Int, codec: ParquetCompressionCodec) -> Bool {
        guard let codec = codec.compressionCodec, codec != .uncompressed else { return true }
        guard let ratio = Compression.maximumRatio(of: codec) else { return true }
        let (limit, overflow) = compressed.multipliedReportingOverflow(by: ratio)
        // Frames and headers add a little; an empty page may be stored as nothing.
        return overflow || uncompressed <= limit + 64
    }
}
