import Testing
import WeirCompression

/// ZSTD and LZ4 load their libraries at run time; a missing library must explain itself.
@Suite struct LibraryLoadingTests {
    @Test func missingZstdLibraryNamesTheCodecAndTheFile() throws {
        let error = try #require(throws: CompressionError.self) {
            _ = try ZstdLibrary(fileName: "libdoesnotexist.so.1")
        }
        #expect(error.codec == .zstd)
        #expect(error.message.hasPrefix("ZSTD needs libdoesnotexist.so.1, which could not be loaded: "))
        #expect(error.message.contains("libdoesnotexist.so.1: cannot open shared object file"))
        #expect(error.message.hasSuffix(". Install it with 'apt-get install libzstd1'."))
    }

    @Test(arguments: [CompressionCodec.lz4Raw, .lz4])
    func missingLZ4LibraryNamesTheCodecAndTheFile(codec: CompressionCodec) throws {
        let error = try #require(throws: CompressionError.self) {
            _ = try LZ4Library(fileName: "libdoesnotexist.so.1", codec: codec)
        }
        #expect(error.codec == codec)
        #expect(error.message.hasPrefix("\(codec.displayName) needs libdoesnotexist.so.1, which could not be loaded: "))
        #expect(error.message.hasSuffix(". Install it with 'apt-get install liblz4-1'."))
    }

    @Test func libraryWithoutTheFunctionsIsRejected() throws {
        // libz is a real library without any ZSTD function.
        let error = try #require(throws: CompressionError.self) {
            _ = try ZstdLibrary(fileName: "libz.so.1")
        }
        #expect(
            error.message
                == "ZSTD needs the function 'ZSTD_compress' from libz.so.1, which does not have it. "
                + "Install a newer version of the library.")
    }

    @Test func theSystemLibrariesLoad() throws {
        _ = try ZstdLibrary.shared.get()
        _ = try LZ4Library.shared.get()
        #expect(ZstdLibrary.fileName == "libzstd.so.1")
        #expect(LZ4Library.fileName == "liblz4.so.1")
    }
}
