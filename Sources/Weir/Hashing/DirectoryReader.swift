#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lists folders through `readdir`, in the byte order of their names.
package enum DirectoryReader {
    /// Opens the folder `name` inside `parent` (or the path `name` with `AT_FDCWD`) without following a symlink.
    package static func open(_ name: String, in parent: Int32 = AT_FDCWD, path: String) throws(HashingError) -> Int32 {
        let descriptor = openat(parent, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw HashingError.system(path: path, operation: "open the folder", code: errno) }
        return descriptor
    }

    /// The names in the open folder `descriptor` (without `.` and `..`), sorted by their UTF-8 bytes.
    ///
    /// The descriptor stays open and owned by the caller.
    package static func names(in descriptor: Int32, path: String) throws(HashingError) -> [String] {
        let copy = dup(descriptor)
        guard copy >= 0, let stream = fdopendir(copy) else {
            throw HashingError.system(path: path, operation: "list", code: errno)
        }
        defer { closedir(stream) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw HashingError.system(path: path, operation: "list", code: errno) }
                break
            }
            let name: String? = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let bytes = raw.prefix { $0 != 0 }
                if bytes.count == 1 && bytes[0] == UInt8(ascii: ".") { return "." }
                return String(validating: bytes, as: UTF8.self)
            }
            guard let name else { throw HashingError.nameNotUTF8(folder: path) }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return names
    }

    /// The target text of the symlink `name` inside `directory`.
    package static func linkTarget(_ name: String, in directory: Int32 = AT_FDCWD, path: String) throws(HashingError)
        -> [UInt8]
    {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = readlinkat(directory, name, &buffer, buffer.count)
        guard count >= 0 else { throw HashingError.system(path: path, operation: "read the link", code: errno) }
        return Array(buffer[0..<count])
    }
}
