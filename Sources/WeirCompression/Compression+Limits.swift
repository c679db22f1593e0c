extension Compression {
    /// The largest uncompressed block Weir accepts: 2 GiB − 1 bytes, the most a Parquet page header's
    /// 32-bit size field can declare and the most LZ4's 32-bit block API can produce.
    public static let maximumUncompressedSize = Int(Int32.max)

    /// The most one byte of `codec` data can expand to, or nil where the format has no useful bound.
    ///
    /// - Snappy: a 3-byte copy element produces at most 64 bytes, so under 22:1.
    /// - GZIP: deflate's best case is 258 bytes from 2 bits, 1032:1.
    /// - ZSTD: an RLE block is 4 bytes for at most 128 KiB, 32768:1, and every frame adds a header.
    /// - LZ4: each extra length byte adds at most 255 output bytes, so under 256:1.
    /// - Brotli: none; Weir grows the output as it decodes instead of allocating the declared size up front.
    package static func maximumRatio(of codec: CompressionCodec) -> Int? {
        switch codec {
        case .uncompressed: 1
        case .snappy: 22
        case .gzip: 1032
        case .zstd: 32768
        case .lz4Raw, .lz4: 256
        case .brotli: nil
        }
    }

    /// Checks a declared uncompressed size, an untrusted number from a file, before anything is allocated for it.
    static func validate(uncompressedSize: Int, compressedSize: Int, codec: CompressionCodec) throws(CompressionError) {
        guard uncompressedSize >= 0, uncompressedSize <= maximumUncompressedSize else {
            throw CompressionError(
                codec: codec,
                message: "The declared uncompressed size '\(uncompressedSize)' of a \(codec.displayName) block "
                    + "is out of range: it must be between 0 and \(maximumUncompressedSize) bytes. "
                    + "The file's metadata is damaged; re-create the file."
            )
        }
        if codec == .uncompressed {
            guard uncompressedSize == compressedSize else {
                throw CompressionError.sizeMismatch(codec, expected: uncompressedSize, actual: "\(compressedSize)")
            }
            return
        }
        if let ratio = maximumRatio(of: codec) {
            let (limit, overflow) = compressedSize.multipliedReportingOverflow(by: ratio)
            guard overflow || uncompressedSize <= limit else {
                throw CompressionError(
                    codec: codec,
                    message: "A \(codec.displayName) block of \(compressedSize) bytes cannot expand to its declared "
                        + "uncompressed size '\(uncompressedSize)': \(codec.displayName) expands at most "
                        + "\(ratio):1, so at most \(limit) bytes. The file's metadata is damaged; re-create the file."
                )
            }
        }
    }

    /// Rejects a compression level the codec does not have.
    static func validate(level: Int?, codec: CompressionCodec, range: ClosedRange<Int>?) throws(CompressionError) {
        guard let level else { return }
        guard let range else {
            throw CompressionError(
                codec: codec,
                message: "\(codec.displayName) has no compression levels, so the level '\(level)' cannot be used. "
                    + "Remove the level or choose gzip, zstd or brotli."
            )
        }
        guard range.contains(level) else {
            throw CompressionError(
                codec: codec,
                message: "The compression level '\(level)' is invalid for \(codec.displayName). "
                    + "Please provide a level from \(range.lowerBound) to \(range.upperBound)."
            )
        }
    }
}
