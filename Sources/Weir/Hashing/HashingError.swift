#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file or folder that could not be hashed.
public enum HashingError: UserFacingError, Hashable {
    /// A system call failed; `code` is the `errno`.
    case system(path: String, operation: String, code: Int32)
    /// A fifo, socket or device inside a folder that is hashed.
    case unsupportedFileType(path: String)
    /// A file name that is not valid UTF-8 cannot be placed in a deterministic fingerprint.
    case nameNotUTF8(folder: String)

    public var exitStatus: Int32 { 1 }

    public var description: String {
        switch self {
        case .system(let path, let operation, let code):
            let reason = String(cString: strerror(code))
            return "Cannot \(operation) '\(path)': \(reason). Check that the path exists and is readable."
        case .unsupportedFileType(let path):
            return
                "'\(path)' is not a file, folder or symlink (a fifo, socket or device), so it cannot be hashed. Move it out of the hashed folder."
        case .nameNotUTF8(let folder):
            return
                "A file name in '\(folder)' is not valid UTF-8, so it cannot be part of a fingerprint. Rename the file."
        }
    }
}
