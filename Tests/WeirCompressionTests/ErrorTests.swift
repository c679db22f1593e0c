import Testing
import WeirCompression

/// Declared sizes, levels and size mismatches: the errors a damaged file or a wrong setting produces.
@Suite struct ErrorTests {
    private func error(_ body: () throws -> Void) throws -> CompressionError {
        try #require(throws: CompressionError.self) { try body() }
    }

    @Test func negativeAndHugeDeclaredSizesAreRejectedBeforeAllocating() throws {
        for size in [-1, Int(Int32.max) + 1, Int.max] {
            let failure = try error {
                _ = try Compression.decompress([1, 2, 3], codec: .brotli, uncompressedSize: size)
            }
            #expect(
                failure.message
                    == "The declared uncompressed size '\(size)' of a Brotli block is out of range: it must be between "
                    + "0 and 2147483647 bytes. The file's metadata is damaged; re-create the file.")
        }
    }

    @Test func sizesBeyondTheCodecsBestRatioAreRejected() throws {
        let failure = try error {
            _ = try Compression.decompress([1, 2, 3], codec: .zstd, uncompressedSize: 1_000_000)
        }
        #expect(failure.codec == .zstd)
        #expect(
            failure.message
                == "A ZSTD block of 3 bytes cannot expand to its declared uncompressed size '1000000': ZSTD expands at "
                + "most 32768:1, so at most 98304 bytes. The file's metadata is damaged; re-create the file.")
        for (codec, limit) in [(CompressionCodec.snappy, 22), (.gzip, 1032), (.lz4Raw, 256), (.lz4, 256)] {
            #expect(throws: CompressionError.self) {
                try Compression.decompress(
                    [UInt8](repeating: 0, count: 10), codec: codec, uncompressedSize: 10 * limit + 1)
            }
        }
    }

    @Test func uncompressedBlocksMustMatchTheirSize() throws {
        #expect(try Compression.decompress([1, 2, 3], codec: .uncompressed, uncompressedSize: 3) == [1, 2, 3])
        let failure = try error {
            _ = try Compression.decompress([1, 2, 3], codec: .uncompressed, uncompressedSize: 4)
        }
        #expect(
            failure.message
                == "Uncompressed data is corrupt: it expands to 3 bytes, but its declared uncompressed size is '4'. "
                + "The block is damaged or is not Uncompressed data; re-create the file that holds it.")
    }

    @Test(arguments: [CompressionCodec.snappy, .gzip, .brotli, .zstd, .lz4Raw, .lz4])
    func wrongDeclaredSizesAreMismatches(codec: CompressionCodec) throws {
        let original = Sample.text.bytes
        let compressed = try Compression.compress(original, codec: codec)
        for size in [original.count - 1, original.count + 1] {
            let failure = try error { _ = try Compression.decompress(compressed, codec: codec, uncompressedSize: size) }
            #expect(failure.codec == codec)
            #expect(failure.message.hasPrefix("\(codec.displayName) data is corrupt: "), "\(failure.message)")
        }
    }

    @Test func exactMismatchMessages() throws {
        let text = Array("some text to compress".utf8)
        let gzip = try Compression.compress(text, codec: .gzip)
        let short = try error { _ = try Compression.decompress(gzip, codec: .gzip, uncompressedSize: 20) }
        #expect(
            short.message.hasPrefix(
                "GZIP data is corrupt: it expands to more than 20 bytes, but its declared uncompressed size is '20'."))
        let long = try error { _ = try Compression.decompress(gzip, codec: .gzip, uncompressedSize: 22) }
        #expect(
            long.message.hasPrefix(
                "GZIP data is corrupt: it expands to 21 bytes, but its declared uncompressed size is '22'."))
        let zstd = try Compression.compress(text, codec: .zstd)
        let zstdShort = try error { _ = try Compression.decompress(zstd, codec: .zstd, uncompressedSize: 20) }
        #expect(zstdShort.message.hasPrefix("ZSTD data is corrupt: it expands to more than 20 bytes"))
        let brotli = try Compression.compress(text, codec: .brotli)
        let brotliShort = try error { _ = try Compression.decompress(brotli, codec: .brotli, uncompressedSize: 20) }
        #expect(brotliShort.message.hasPrefix("Brotli data is corrupt: it expands to more than 20 bytes"))
    }

    @Test func emptyBlocksWithNothingDeclaredDecodeToNothing() throws {
        for codec in CompressionCodec.allCases {
            #expect(try Compression.decompress([], codec: codec, uncompressedSize: 0) == [])
        }
    }

    @Test func codecsWithoutLevelsRejectOne() throws {
        for codec in [CompressionCodec.uncompressed, .snappy, .lz4Raw, .lz4] {
            let failure = try error { _ = try Compression.compress([1], codec: codec, level: 3) }
            #expect(
                failure.message
                    == "\(codec.displayName) has no compression levels, so the level '3' cannot be used. "
                    + "Remove the level or choose gzip, zstd or brotli.")
        }
    }

    @Test func levelsOutOfRangeAreRejected() throws {
        let gzip = try error { _ = try Compression.compress([1], codec: .gzip, level: 10) }
        #expect(gzip.message == "The compression level '10' is invalid for GZIP. Please provide a level from 0 to 9.")
        let brotli = try error { _ = try Compression.compress([1], codec: .brotli, level: 12) }
        #expect(
            brotli.message == "The compression level '12' is invalid for Brotli. Please provide a level from 0 to 11.")
        let zstd = try error { _ = try Compression.compress([1], codec: .zstd, level: 99) }
        #expect(zstd.message.hasPrefix("The compression level '99' is invalid for ZSTD. Please provide a level from -"))
    }

    @Test func descriptionIsTheMessage() {
        let failure = CompressionError(codec: .gzip, message: "Something failed.")
        #expect(failure.description == "Something failed.")
    }
}
