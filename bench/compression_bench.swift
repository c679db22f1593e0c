// Throughput of Weir's block codecs, timed in process CPU time (the machine is shared, so wall time is noisy).
// Built and run by bench/compression_bench.sh, which compiles it together with the WeirCompression sources;
// it is not a target of the package.
#if canImport(Glibc)
    import Glibc
#endif

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Reads a whole file with the C library, keeping the bench free of Foundation.
func readFile(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { fatalError("cannot open \(path)") }
    defer { fclose(file) }
    fseek(file, 0, SEEK_END)
    let size = ftell(file)
    fseek(file, 0, SEEK_SET)
    var bytes = [UInt8](repeating: 0, count: size)
    _ = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, size, file) }
    return bytes
}

/// The best of `rounds` timings of `body`, in seconds.
func best(_ rounds: Int, _ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<rounds {
        let start = now()
        try body()
        fastest = min(fastest, now() - start)
    }
    return fastest
}

let arguments = CommandLine.arguments
let rounds = 5
let codecs: [CompressionCodec] =
    arguments.count > 2
    ? arguments[2].split(separator: ",").map { CompressionCodec(rawValue: String($0))! }
    : [.snappy, .lz4Raw, .zstd, .gzip, .brotli]
for path in arguments[1].split(separator: ",").map(String.init) {
    let input = readFile(path)
    let megabytes = Double(input.count) / 1e6
    for codec in codecs {
        var compressed: [UInt8] = []
        let compressTime = try best(rounds) { compressed = try Compression.compress(input, codec: codec) }
        var output = [UInt8](repeating: 0, count: input.count)
        let decompressTime = try compressed.withUnsafeBytes { source in
            try output.withUnsafeMutableBytes { target in
                try best(rounds) { try Compression.decompress(source, codec: codec, into: target) }
            }
        }
        precondition(output == input, "round trip failed for \(codec)")
        let name = path.split(separator: "/").last!
        print(
            "weir \(name) \(codec.rawValue) ratio \(Double(input.count) / Double(compressed.count)) "
                + "compress \(Int(megabytes / compressTime)) MB/s decompress \(Int(megabytes / decompressTime)) MB/s")
    }
}
