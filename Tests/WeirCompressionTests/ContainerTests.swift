import Testing
import WeirCompression

/// Framing around the codecs' blocks: concatenated GZIP members and Hadoop LZ4 frames.
@Suite struct ContainerTests {
    @Test func concatenatedGzipMembersDecodeToTheConcatenation() throws {
        let first = Array("first member, ".utf8)
        let second = Array(String(repeating: "second member ", count: 500).utf8)
        let empty: [UInt8] = []
        let joined =
            try Compression.compress(first, codec: .gzip) + Compression.compress(empty, codec: .gzip)
            + Compression.compress(second, codec: .gzip, level: 9)
        let decoded = try Compression.decompress(joined, codec: .gzip, uncompressedSize: first.count + second.count)
        #expect(decoded == first + second)
    }

    @Test func gzipOutputHasAGzipHeader() throws {
        let compressed = try Compression.compress(Array("header".utf8), codec: .gzip)
        #expect(compressed.prefix(3) == [0x1F, 0x8B, 0x08])
    }

    @Test func gzipRejectsTrailingGarbage() throws {
        let block = try Compression.compress(Array("payload".utf8), codec: .gzip) + [0x00, 0x01, 0x02]
        let error = try #require(throws: CompressionError.self) {
            try Compression.decompress(block, codec: .gzip, uncompressedSize: 7)
        }
        #expect(error.message.hasPrefix("GZIP data is corrupt: member 2 cannot be inflated at byte"))
    }

    @Test func gzipRejectsATruncatedMember() throws {
        let text = Sample.text.bytes
        let block = try Compression.compress(text, codec: .gzip)
        let error = try #require(throws: CompressionError.self) {
            try Compression.decompress(Array(block.prefix(block.count / 2)), codec: .gzip, uncompressedSize: text.count)
        }
        #expect(error.message.hasPrefix("GZIP data is corrupt: member 1 is truncated"))
    }

    @Test func hadoopLZ4SplitsLargeBlocksIntoFrames() throws {
        let original = Sample.text.bytes
        let compressed = try Compression.compress(original, codec: .lz4)
        // The first frame header declares 128 KiB of output.
        #expect(compressed.prefix(4) == [0x00, 0x02, 0x00, 0x00])
        #expect(try Compression.decompress(compressed, codec: .lz4, uncompressedSize: original.count) == original)
    }

    @Test func legacyLZ4AcceptsABareBlock() throws {
        // Old parquet-cpp wrote a bare block under the LZ4 codec.
        let original = Sample.text.bytes
        let bare = try Compression.compress(original, codec: .lz4Raw)
        #expect(try Compression.decompress(bare, codec: .lz4, uncompressedSize: original.count) == original)
    }

    @Test func legacyLZ4ExplainsBothReadings() throws {
        let error = try #require(throws: CompressionError.self) {
            try Compression.decompress([0, 0, 0, 9, 0, 0, 0, 2, 0xFF, 0xFF], codec: .lz4, uncompressedSize: 9)
        }
        #expect(error.codec == .lz4)
        #expect(
            error.message.hasPrefix(
                "LZ4 (Hadoop) data is corrupt: it is neither Hadoop-framed LZ4 (in the frame at byte 0, liblz4 rejects")
        )
        #expect(error.message.contains("nor a bare LZ4 block (liblz4 rejects the block of 10 bytes"))
    }

    @Test func zstdDecodesConcatenatedFrames() throws {
        let first = Array("one frame ".utf8)
        let second = Array("and another".utf8)
        let joined = try Compression.compress(first, codec: .zstd) + Compression.compress(second, codec: .zstd)
        #expect(try Compression.decompress(joined, codec: .zstd, uncompressedSize: 21) == first + second)
    }
}
