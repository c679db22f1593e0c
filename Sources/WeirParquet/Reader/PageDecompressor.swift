/// Decompresses page bodies with the column chunk's codec.
enum PageDecompressor {
    /// Decompresses `input` into exactly `output.count` bytes.
    ///
    /// - Throws: `.codec` when the codec is unknown or unavailable, or the data does not
    ///   decompress to the size the page header gives.
    static func decompress(
        _ input: UnsafeRawBufferPointer, codec: ParquetCompressionCodec, into output: UnsafeMutableRawBufferPointer
    ) throws(ParquetError) {
        switch codec {
        case .uncompressed:
            guard input.count == output.count else {
                throw .corrupt(
                    "The uncompressed page holds \(input.count) bytes where its header says \(output.count).")
            }
            if input.count > 0 { output.baseAddress!.copyMemory(from: input.baseAddress!, byteCount: input.count) }
        default:
            throw ParquetError(
                .codec,
                "The compression codec \(codec) is not available in this build of Weir. Rewrite the file uncompressed.")
        }
    }
}
