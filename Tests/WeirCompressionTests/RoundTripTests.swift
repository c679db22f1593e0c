import Testing
import WeirCompression

@Suite struct RoundTripTests {
    @Test(arguments: CompressionCodec.allCases, Sample.allCases)
    func compressedDataDecompressesToTheOriginal(codec: CompressionCodec, sample: Sample) throws {
        let original = sample.bytes
        let compressed = try Compression.compress(original, codec: codec)
        let restored = try Compression.decompress(compressed, codec: codec, uncompressedSize: original.count)
        #expect(restored == original)

        // The caller-memory path gives the same bytes.
        var target = [UInt8](repeating: 0xEE, count: original.count)
        try compressed.withUnsafeBytes { input in
            try target.withUnsafeMutableBytes { output in
                try Compression.decompress(input, codec: codec, into: output)
            }
        }
        #expect(target == original)
    }

    @Test(arguments: [CompressionCodec.snappy, .gzip, .brotli, .zstd, .lz4Raw, .lz4])
    func compressibleDataShrinks(codec: CompressionCodec) throws {
        let text = Sample.text.bytes
        let compressed = try Compression.compress(text, codec: codec)
        #expect(compressed.count < text.count / 2)
        let zeros = Sample.zeros.bytes
        #expect(try Compression.compress(zeros, codec: codec).count < zeros.count / 20)
    }

    @Test(arguments: [(CompressionCodec.gzip, 1), (.gzip, 9), (.brotli, 0), (.brotli, 11), (.zstd, -5), (.zstd, 19)])
    func everyLevelRoundTrips(codec: CompressionCodec, level: Int) throws {
        let original = Sample.text.bytes
        let compressed = try Compression.compress(original, codec: codec, level: level)
        #expect(try Compression.decompress(compressed, codec: codec, uncompressedSize: original.count) == original)
    }

    @Test func higherLevelsCompressBetter() throws {
        let original = Sample.text.bytes
        for codec in [CompressionCodec.gzip, .brotli, .zstd] {
            let fast = try Compression.compress(original, codec: codec, level: 1)
            let strong = try Compression.compress(original, codec: codec, level: 9)
            #expect(strong.count < fast.count, "\(codec)")
        }
    }

    @Test func everyCodecIsAvailableOnThisMachine() {
        for codec in CompressionCodec.allCases {
            #expect(Compression.isAvailable(codec), "\(codec)")
        }
    }
}
