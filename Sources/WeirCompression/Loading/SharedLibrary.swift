#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A C library opened with `dlopen` for a codec whose headers are not installed at build time.
///
/// Handles are never closed: each library is loaded once per process (through a `static let`) and its functions stay
/// valid for the life of the process.
package struct SharedLibrary: @unchecked Sendable {
    // @unchecked: the handle is immutable and `dlsym` may be called from any thread.
    private let handle: UnsafeMutableRawPointer
    /// The file name the library was opened by.
    package let fileName: String
    private let codec: CompressionCodec

    /// Opens `fileName` for `codec`; `debianPackage` is named in the error that explains how to install it.
    package init(fileName: String, codec: CompressionCodec, debianPackage: String) throws(CompressionError) {
        guard let handle = dlopen(fileName, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "no reason given"
            throw CompressionError(
                codec: codec,
                message: "\(codec.displayName) needs \(fileName), which could not be loaded: \(reason). "
                    + "Install it with 'apt-get install \(debianPackage)'."
            )
        }
        self.handle = handle
        self.fileName = fileName
        self.codec = codec
    }

    /// The C function `name`, typed as `type` (a `@convention(c)` function type matching its C declaration).
    package func function<Function>(_ name: String, as type: Function.Type) throws(CompressionError) -> Function {
        guard let symbol = dlsym(handle, name) else {
            throw CompressionError(
                codec: codec,
                message: "\(codec.displayName) needs the function '\(name)' from \(fileName), which does not have it. "
                    + "Install a newer version of the library."
            )
        }
        return unsafeBitCast(symbol, to: type)
    }
}
