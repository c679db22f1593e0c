import WeirCompression

/// Turns the writer's codec choice into the function that compresses each page.
enum PageCompression {
    static func compressor(codec: CompressionCodec, level: Int?) -> PageCompressor {
        { (input) throws(ParquetError) -> [UInt8] in
            do throws(CompressionError) {
                return try Compression.compress(input, codec: codec, level: level)
            } catch {
                throw ParquetError(.codec, error.message)
            }
        }
    }
}
