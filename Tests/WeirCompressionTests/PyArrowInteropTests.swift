import Foundation
import Testing
import WeirCompression
import WeirTestSupport

/// Blocks exchanged with pyarrow's codecs in both directions, through files.
@Suite struct PyArrowInteropTests {
    /// Codec names as pyarrow spells them; its "lz4" is the LZ4 frame format, so only "lz4_raw" is compared.
    static let codecs: [(CompressionCodec, String)] = [
        (.snappy, "snappy"), (.gzip, "gzip"), (.brotli, "brotli"), (.zstd, "zstd"), (.lz4Raw, "lz4_raw"),
    ]

    static let script = """
        import sys
        import pyarrow as pa
        codec, folder = sys.argv[1], sys.argv[2]
        original = open(folder + "/original.bin", "rb").read()
        weir = open(folder + "/weir.bin", "rb").read()
        restored = pa.decompress(weir, decompressed_size=len(original), codec=codec, asbytes=True)
        if restored != original:
            sys.exit("pyarrow decoded Weir's %s block to %d different bytes" % (codec, len(restored)))
        open(folder + "/pyarrow.bin", "wb").write(pa.compress(original, codec=codec, asbytes=True))
        print("ok", len(weir))
        """

    @Test(arguments: codecs)
    func blocksRoundTripWithPyArrow(codec: CompressionCodec, name: String) throws {
        let folder = try TemporaryDirectory("weir-compression")
        var random = SeededRandom(seed: 42)
        var original = Sample.csvText(rows: 3000, using: &random)
        original += Sample.doubles.bytes.prefix(100_000)
        original += (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        try Data(original).write(to: folder.file("original.bin"))
        try Data(Compression.compress(original, codec: codec)).write(to: folder.file("weir.bin"))

        let result = try TestEnvironment.python(Self.script, [name, folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ok"))

        let fromPyArrow = try [UInt8](Data(contentsOf: folder.file("pyarrow.bin")))
        #expect(try Compression.decompress(fromPyArrow, codec: codec, uncompressedSize: original.count) == original)
    }

    /// Snappy blocks stored as literals after an incompressible block, then searched again, read by pyarrow.
    @Test func snappyAfterAnIncompressibleBlockRoundTripsWithPyArrow() throws {
        let folder = try TemporaryDirectory("weir-compression")
        var random = SeededRandom(seed: 9)
        var original = (0..<(5 << 16)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        original += Sample.csvText(rows: 20_000, using: &random)
        try Data(original).write(to: folder.file("original.bin"))
        try Data(Compression.compress(original, codec: .snappy)).write(to: folder.file("weir.bin"))
        let result = try TestEnvironment.python(Self.script, ["snappy", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ok"))
    }

    @Test func legacyLZ4ReadsHadoopFramesAroundPyArrowBlocks() throws {
        let folder = try TemporaryDirectory("weir-compression")
        let original = Sample.text.bytes
        try Data(original).write(to: folder.file("original.bin"))
        // Two Hadoop frames, each a pyarrow raw LZ4 block behind big-endian sizes.
        let script = """
            import struct, sys
            import pyarrow as pa
            folder = sys.argv[1]
            data = open(folder + "/original.bin", "rb").read()
            out = b""
            for part in (data[:100000], data[100000:]):
                block = pa.compress(part, codec="lz4_raw", asbytes=True)
                out += struct.pack(">II", len(part), len(block)) + block
            open(folder + "/hadoop.bin", "wb").write(out)
            """
        let result = try TestEnvironment.python(script, [folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let framed = try [UInt8](Data(contentsOf: folder.file("hadoop.bin")))
        #expect(try Compression.decompress(framed, codec: .lz4, uncompressedSize: original.count) == original)
    }
}
