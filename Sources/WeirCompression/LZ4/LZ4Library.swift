/// The functions of liblz4 that Weir uses, loaded at run time.
package struct LZ4Library: @unchecked Sendable {
    // @unchecked: C function pointers into a library that is never unloaded; these liblz4 functions keep no state.
    #if os(macOS)
        package static let fileName = "liblz4.1.dylib"
    #else
        package static let fileName = "liblz4.so.1"
    #endif

    typealias Compress = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<CChar>?, Int32, Int32) -> Int32
    typealias CompressBound = @convention(c) (Int32) -> Int32
    typealias Decompress = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<CChar>?, Int32, Int32) -> Int32

    let compressDefault: Compress
    let compressBound: CompressBound
    let decompressSafe: Decompress

    /// The system's liblz4, loaded on first use.
    package static let shared: Result<LZ4Library, CompressionError> = Result { () throws(CompressionError) in
        try LZ4Library(fileName: fileName, codec: .lz4Raw)
    }

    /// Loads liblz4 from `fileName`, naming `codec` in errors (tests pass a missing name to check the error).
    package init(fileName: String, codec: CompressionCodec) throws(CompressionError) {
        let library = try SharedLibrary(fileName: fileName, codec: codec, debianPackage: "liblz4-1")
        compressDefault = try library.function("LZ4_compress_default", as: Compress.self)
        compressBound = try library.function("LZ4_compressBound", as: CompressBound.self)
        decompressSafe = try library.function("LZ4_decompress_safe", as: Decompress.self)
    }

    /// liblz4, with a loading error worded for `codec`.
    static func loaded(for codec: CompressionCodec) throws(CompressionError) -> LZ4Library {
        switch shared {
        case .success(let library): return library
        case .failure(let error) where error.codec == codec: throw error
        case .failure: return try LZ4Library(fileName: fileName, codec: codec)
        }
    }
}
