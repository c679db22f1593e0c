import Testing
import WeirCompression
import WeirTestSupport

/// Blocks after an incompressible one are stored as literals without searching, and searched again
/// every eighth block: the output still decodes to the input, is the same every time, and
/// compresses what follows the incompressible part.
@Suite struct SnappyStoredBlockTests {
    static let block = 1 << 16

    static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    @Test func incompressibleThenCompressibleRoundTripsAndStillCompresses() throws {
        var random = SeededRandom(seed: 7)
        let noise = Self.randomBytes(3 * Self.block, seed: 11)
        let text = Sample.csvText(rows: 40_000, using: &random)
        let input = noise + text
        let compressed = try Compression.compress(input, codec: .snappy)
        #expect(try Compression.decompress(compressed, codec: .snappy, uncompressedSize: input.count) == input)
        #expect(try Compression.compress(input, codec: .snappy) == compressed, "the same input gives the same bytes")
        let textAlone = try Compression.compress(text, codec: .snappy)
        // The text after the noise is searched again within eight blocks, so most of it compresses.
        #expect(compressed.count < noise.count + textAlone.count + 8 * Self.block)
        #expect(compressed.count < input.count * 3 / 4)
    }

    @Test(arguments: [1, 2, 8, 9, 17])
    func incompressibleInputsOfAnyBlockCountRoundTrip(blocks: Int) throws {
        let input = Self.randomBytes(blocks * Self.block + 1_234, seed: UInt64(blocks))
        let compressed = try Compression.compress(input, codec: .snappy)
        #expect(try Compression.decompress(compressed, codec: .snappy, uncompressedSize: input.count) == input)
        // Stored blocks cost a few bytes of framing each, never more than the format's worst case.
        #expect(compressed.count <= input.count + input.count / 6 + 32)
    }
}
