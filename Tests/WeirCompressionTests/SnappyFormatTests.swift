import Testing
import WeirCompression

/// Hand-made Snappy blocks, one per element kind, and damaged blocks that must be rejected with a precise message.
@Suite struct SnappyFormatTests {
    private func decode(_ block: [UInt8], size: Int) throws -> [UInt8] {
        try Compression.decompress(block, codec: .snappy, uncompressedSize: size)
    }

    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func shortLiteral() throws {
        #expect(try decode([0x05, 0x10] + bytes("hello"), size: 5) == bytes("hello"))
    }

    @Test func literalsWithOneToFourLengthBytes() throws {
        let hundred = (0..<100).map { UInt8($0) }
        #expect(try decode([100, 0xF0, 99] + hundred, size: 100) == hundred)

        let threeHundred = (0..<300).map { UInt8(truncatingIfNeeded: $0 * 7) }
        #expect(try decode([0xAC, 0x02, 0xF4, 0x2B, 0x01] + threeHundred, size: 300) == threeHundred)

        let ten = (0..<10).map { UInt8($0) }
        #expect(try decode([10, 0xF8, 9, 0, 0] + ten, size: 10) == ten)
        #expect(try decode([10, 0xFC, 9, 0, 0, 0] + ten, size: 10) == ten)
    }

    @Test func copyWithOneByteOffset() throws {
        // "abcd", then copy 8 bytes from 4 back.
        #expect(try decode([12, 0x0C] + bytes("abcd") + [0x11, 4], size: 12) == bytes("abcdabcdabcd"))
        // The offset's high bits live in the tag: copy 4 bytes from 300 back.
        let prefix = (0..<300).map { UInt8(truncatingIfNeeded: $0) }
        let decoded = try decode([0xB0, 0x02, 0xF4, 0x2B, 0x01] + prefix + [0x21, 0x2C], size: 304)
        #expect(decoded == prefix + prefix[0..<4])
    }

    @Test func overlappingCopyWithTwoByteOffset() throws {
        #expect(try decode([12, 0x04] + bytes("ab") + [0x26, 2, 0], size: 12) == bytes("abababababab"))
    }

    @Test(arguments: 1...9)
    func shortPeriodCopiesFollowedByMoreOutput(period: Int) throws {
        // A pattern of `period` bytes, a 40-byte copy that repeats it, then a literal, so the copy has room to spare.
        let pattern = (0..<period).map { UInt8(0x41 + $0) }
        let tail = bytes("0123456789abcdef")
        let size = period + 40 + tail.count
        let block = [UInt8(size), UInt8((period - 1) << 2)] + pattern + [0x9E, UInt8(period), 0] + [0x3C] + tail
        let expected = (0..<(period + 40)).map { pattern[$0 % period] } + tail
        #expect(try decode(block, size: size) == expected)
    }

    @Test func copyWithFourByteOffset() throws {
        #expect(try decode([9, 0x08] + bytes("xyz") + [0x17, 3, 0, 0, 0], size: 9) == bytes("xyzxyzxyz"))
    }

    @Test func longRunsDecode() throws {
        // One zero byte, then a copy of 64 bytes at distance 1, repeated.
        let block: [UInt8] = [65, 0x00, 0x00, 0xFE, 1, 0]
        #expect(try decode(block, size: 65) == [UInt8](repeating: 0, count: 65))
    }

    @Test func encoderOutputStartsWithTheLengthPreamble() throws {
        let compressed = try Compression.compress([UInt8](repeating: 7, count: 300), codec: .snappy)
        #expect(compressed.prefix(2) == [0xAC, 0x02])
    }

    static let damaged: [(name: String, block: [UInt8], size: Int, message: String)] = [
        (
            "preamble mismatch", [5, 0x10, 104, 101, 108, 108, 111], 4,
            "its preamble declares 5 bytes, but its declared uncompressed size is '4'"
        ),
        ("zero offset", [8, 0x0C, 97, 98, 99, 100, 0x01, 0x00], 8, "the copy at byte 6 has offset '0'"),
        (
            "offset before start", [8, 0x0C, 97, 98, 99, 100, 0x0E, 5, 0], 8,
            "the copy at byte 6 has offset '5', which reaches before the start of the output (4 bytes written so far)"
        ),
        (
            "literal past input", [10, 0x24, 97, 98, 99], 10,
            "the literal at byte 1 has length '10', but only 3 bytes follow it"
        ),
        (
            "literal past output", [2, 0x0C, 97, 98, 99, 100], 2,
            "the element at byte 1 writes 4 bytes, but only 2 bytes of the declared output remain"
        ),
        (
            "copy past output", [6, 0x0C, 97, 98, 99, 100, 0x01, 4], 6,
            "the element at byte 6 writes 4 bytes, but only 2 bytes of the declared output remain"
        ),
        (
            "cut 1-byte-offset copy", [8, 0x0C, 97, 98, 99, 100, 0x01], 8,
            "the 1-byte-offset copy at byte 6 needs 2 bytes, but the block ends first"
        ),
        (
            "cut 2-byte-offset copy", [8, 0x0C, 97, 98, 99, 100, 0x0E, 4], 8,
            "the 2-byte-offset copy at byte 6 needs 3 bytes, but the block ends first"
        ),
        (
            "cut 4-byte-offset copy", [8, 0x0C, 97, 98, 99, 100, 0x0F, 4, 0], 8,
            "the 4-byte-offset copy at byte 6 needs 5 bytes, but the block ends first"
        ),
        (
            "cut literal length bytes", [60, 0xF4, 59], 60,
            "the literal at byte 1 needs 3 bytes, but the block ends first"
        ),
        (
            "short output", [8, 0x0C, 97, 98, 99, 100], 8,
            "it ends after 4 bytes of output, but its preamble declares 8 bytes"
        ),
        ("preamble cut", [0x80, 0x80], 1, "it ends inside its length preamble after 2 bytes"),
        ("preamble too long", [0x80, 0x80, 0x80, 0x80, 0x80, 0x01], 1, "its length preamble is longer than 5 bytes"),
        (
            "preamble over 32 bits", [0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 0x00], 1,
            "its length preamble '34359738367' exceeds 32 bits"
        ),
    ]

    @Test(arguments: damaged.indices)
    func damagedBlocksAreRejected(index: Int) throws {
        let damaged = Self.damaged[index]
        let error = try #require(throws: CompressionError.self, "\(damaged.name)") {
            try decode(damaged.block, size: damaged.size)
        }
        #expect(error.codec == .snappy)
        #expect(error.message.hasPrefix("Snappy data is corrupt: "), "\(damaged.name)")
        #expect(error.message.contains(damaged.message), "\(damaged.name): \(error.message)")
        #expect(error.message.hasSuffix("re-create the file that holds it."))
    }
}
