import Testing
import WeirCompression
import WeirTestSupport

/// Damaged blocks: every decoder must either produce exactly the declared size or throw, never crash or hang.
@Suite struct RobustnessTests {
    static let mutationsPerCodec = 2000

    @Test(arguments: CompressionCodec.allCases)
    func mutatedBlocksDecodeExactlyOrThrow(codec: CompressionCodec) throws {
        var random = SeededRandom(seed: 0xC0DE_C0DE + UInt64(CompressionCodec.allCases.firstIndex(of: codec)!))
        var original = Sample.csvText(rows: 60, using: &random)
        original += [UInt8](repeating: 0, count: 700)
        let valid = try Compression.compress(original, codec: codec)
        var outcomes = (decoded: 0, rejected: 0)
        for round in 0..<Self.mutationsPerCodec {
            let damaged = mutate(valid, using: &random)
            // Alternate between the declared size and a slightly wrong one, and between both output paths.
            let size = round % 5 == 4 ? original.count + Int.random(in: -3...3, using: &random) : original.count
            do {
                let output: [UInt8]
                if round % 2 == 0 {
                    output = try Compression.decompress(damaged, codec: codec, uncompressedSize: max(0, size))
                } else {
                    var target = [UInt8](repeating: 0, count: max(0, size))
                    try damaged.withUnsafeBytes { input in
                        try target.withUnsafeMutableBytes { try Compression.decompress(input, codec: codec, into: $0) }
                    }
                    output = target
                }
                #expect(output.count == max(0, size))
                outcomes.decoded += 1
            } catch let error as CompressionError {
                #expect(error.codec == codec)
                #expect(!error.message.isEmpty)
                outcomes.rejected += 1
            }
        }
        #expect(outcomes.decoded + outcomes.rejected == Self.mutationsPerCodec)
        #expect(outcomes.rejected > 0)
    }

    /// One of: flip a bit, cut the block short, overwrite a few bytes, or append bytes.
    private func mutate(_ block: [UInt8], using random: inout SeededRandom) -> [UInt8] {
        var damaged = block
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            let index = Int.random(in: 0..<damaged.count, using: &random)
            damaged[index] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 1:
            damaged.removeLast(Int.random(in: 1...damaged.count, using: &random))
        case 2:
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                damaged[Int.random(in: 0..<damaged.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
        default:
            damaged += (0..<Int.random(in: 1...8, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random)
            }
        }
        return damaged
    }
}
