extension Compression {
    /// Compresses the bytes of `input` with `codec`; see ``compress(_:codec:level:)-(UnsafeRawBufferPointer,_,_)``.
    public static func compress(
        _ input: [UInt8],
        codec: CompressionCodec,
        level: Int? = nil
    ) throws(CompressionError) -> [UInt8] {
        var result: Result<[UInt8], CompressionError> = .success([])
        input.withUnsafeBytes { bytes in
            do throws(CompressionError) {
                result = .success(try compress(bytes, codec: codec, level: level))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    /// Decompresses `input`, which must expand to exactly `uncompressedSize` bytes; see
    /// ``decompress(_:codec:uncompressedSize:)-(UnsafeRawBufferPointer,_,_)``.
    public static func decompress(
        _ input: [UInt8],
        codec: CompressionCodec,
        uncompressedSize: Int
    ) throws(CompressionError) -> [UInt8] {
        var result: Result<[UInt8], CompressionError> = .success([])
        input.withUnsafeBytes { bytes in
            do throws(CompressionError) {
                result = .success(try decompress(bytes, codec: codec, uncompressedSize: uncompressedSize))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }
}
