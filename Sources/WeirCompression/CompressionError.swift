/// A block could not be compressed or decompressed, or its codec's library is missing.
///
/// The message is a complete sentence that names the codec, says what went wrong and how to fix it;
/// callers that know the file and byte offset of the block add them around it.
public struct CompressionError: Error, Sendable, CustomStringConvertible {
    /// The codec whose data or library failed.
    public var codec: CompressionCodec
    /// What went wrong, in sentence case, ending with what to do about it.
    public var message: String

    public init(codec: CompressionCodec, message: String) {
        self.codec = codec
        self.message = message
    }

    public var description: String { message }
}

extension CompressionError {
    /// Damaged input: `detail` says what is wrong and where.
    static func corrupt(_ codec: CompressionCodec, _ detail: String) -> CompressionError {
        CompressionError(
            codec: codec,
            message: "\(codec.displayName) data is corrupt: \(detail). "
                + "The block is damaged or is not \(codec.displayName) data; re-create the file that holds it."
        )
    }

    /// The input expanded to a size other than the one declared for it.
    static func sizeMismatch(_ codec: CompressionCodec, expected: Int, actual: String) -> CompressionError {
        corrupt(codec, "it expands to \(actual) bytes, but its declared uncompressed size is '\(expected)'")
    }
}
