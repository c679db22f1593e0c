/// The functions of libzstd that Weir uses, loaded at run time.
package struct ZstdLibrary: @unchecked Sendable {
    // @unchecked: C function pointers into a library that is never unloaded; libzstd's one-shot functions are
    // thread-safe.
    #if os(macOS)
        package static let fileName = "libzstd.1.dylib"
    #else
        package static let fileName = "libzstd.so.1"
    #endif

    typealias Compress = @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int, Int32) -> Int
    typealias CompressBound = @convention(c) (Int) -> Int
    typealias Decompress = @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int) -> Int
    typealias IsError = @convention(c) (Int) -> UInt32
    typealias ErrorName = @convention(c) (Int) -> UnsafePointer<CChar>?
    typealias Level = @convention(c) () -> Int32
    typealias ErrorCode = @convention(c) (Int) -> Int32

    let compress: Compress
    let compressBound: CompressBound
    let decompress: Decompress
    let isError: IsError
    let errorName: ErrorName
    let errorCode: ErrorCode
    /// The levels this build of libzstd accepts.
    let levels: ClosedRange<Int>

    /// The system's libzstd, loaded on first use.
    package static let shared: Result<ZstdLibrary, CompressionError> = Result { () throws(CompressionError) in
        try ZstdLibrary(fileName: fileName)
    }

    /// Loads libzstd from `fileName` (tests pass a missing name to check the error).
    package init(fileName: String) throws(CompressionError) {
        let library = try SharedLibrary(fileName: fileName, codec: .zstd, debianPackage: "libzstd1")
        compress = try library.function("ZSTD_compress", as: Compress.self)
        compressBound = try library.function("ZSTD_compressBound", as: CompressBound.self)
        decompress = try library.function("ZSTD_decompress", as: Decompress.self)
        isError = try library.function("ZSTD_isError", as: IsError.self)
        errorName = try library.function("ZSTD_getErrorName", as: ErrorName.self)
        errorCode = try library.function("ZSTD_getErrorCode", as: ErrorCode.self)
        let minimum = try library.function("ZSTD_minCLevel", as: Level.self)
        let maximum = try library.function("ZSTD_maxCLevel", as: Level.self)
        levels = Int(minimum())...Int(maximum())
    }

    /// `ZSTD_error_dstSize_tooSmall` in zstd_errors.h, whose values are fixed across versions.
    static let destinationTooSmall: Int32 = 70

    /// The text of a libzstd error code.
    func message(for code: Int) -> String {
        errorName(code).map { String(cString: $0) } ?? "error code \(code)"
    }
}
