import Testing
import WeirCompression

@Suite struct CompressionCodecTests {
    @Test func namesMatchTheCommandLineSpelling() {
        #expect(CompressionCodec(rawValue: "lz4_raw") == .lz4Raw)
        #expect(CompressionCodec(rawValue: "snappy") == .snappy)
    }
}
