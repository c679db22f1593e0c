// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "weir",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "weir", targets: ["WeirCLI"]),
        .library(name: "Weir", targets: ["Weir"]),
        .library(name: "WeirParquet", targets: ["WeirParquet"]),
        .library(name: "WeirCSV", targets: ["WeirCSV"]),
        .library(name: "WeirCompute", targets: ["WeirCompute"]),
        .library(name: "WeirServer", targets: ["WeirServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Typed columnar batches shared by the format modules.
        .target(name: "WeirColumns"),

        // Block codecs: Snappy in Swift, zlib and Brotli through their headers, ZSTD and LZ4 loaded at run time.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CBrotli", path: "Sources/CBrotli"),
        .target(name: "WeirCompression", dependencies: ["CZlib", "CBrotli"]),

        // File formats: know nothing of pipelines.
        .target(name: "WeirParquet", dependencies: ["WeirColumns", "WeirCompression"]),
        .target(name: "WeirCSV", dependencies: ["WeirColumns"]),

        // Streaming operators over typed batches (scan, filter, sort, aggregation) within a memory
        // budget, spilling to disk; knows nothing of pipelines.
        .target(name: "WeirCompute", dependencies: ["WeirColumns", "WeirParquet"]),

        // The engine.
        .target(
            name: "Weir",
            dependencies: [
                "WeirColumns", "WeirParquet", "WeirCSV", "WeirCompute", "WeirCompression",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),

        // The read-only web dashboard and its JSON API.
        .target(
            name: "WeirServer",
            dependencies: [
                "Weir", "WeirColumns", "WeirParquet",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The `weir` executable: argument parsing and output formatting only.
        .executableTarget(
            name: "WeirCLI",
            dependencies: [
                "Weir", "WeirServer", "WeirParquet", "WeirCSV", "WeirColumns", "WeirCompression",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // A seeded mutation fuzzer of the Parquet and CSV readers, for the tests and bench/fuzz.sh (not shipped).
        .target(name: "WeirFuzz", dependencies: ["WeirParquet", "WeirCSV", "WeirColumns", "WeirCompression"]),

        // Benchmarks of the format modules (not shipped).
        .executableTarget(name: "WeirBench", dependencies: ["WeirParquet", "WeirCSV", "WeirColumns", "WeirFuzz"]),

        .target(name: "WeirTestSupport", path: "Tests/WeirTestSupport"),
        .testTarget(name: "WeirColumnsTests", dependencies: ["WeirColumns"]),
        .testTarget(name: "WeirCompressionTests", dependencies: ["WeirCompression", "WeirTestSupport"]),
        .testTarget(
            name: "WeirParquetTests",
            dependencies: ["WeirParquet", "WeirColumns", "WeirTestSupport", "WeirFuzz"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "WeirCSVTests",
            dependencies: [
                "WeirCSV", "WeirColumns", "WeirTestSupport", "WeirFuzz",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "WeirComputeTests",
            dependencies: [
                "WeirCompute", "WeirColumns", "WeirParquet", "WeirTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "WeirTests",
            dependencies: ["Weir", "WeirTestSupport", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "WeirCLITests", dependencies: ["Weir", "WeirTestSupport"]),
        .testTarget(
            name: "WeirServerTests",
            dependencies: [
                "WeirServer", "Weir", "WeirTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
