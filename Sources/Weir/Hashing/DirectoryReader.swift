#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lists folders through `readdir`, in the byte order of their names.
package enum DirectoryReader {
    /// Opens the folder `name` inside `parent` (or the path `name` with `AT_FDCWD`), without following
    /// a symlink unless `followLink` is set.
    package static func open(
        _ name: String, in parent: Int32 = AT_FDCWD, path: String, followLink: Bool = false
    ) throws(HashingError) -> Int32 {
        let descriptor = openat(parent, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (followLink ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { throw HashingError.system(path: path, operation: "open the folder", code: errno) }
        return descriptor
    }

    /// The names in the open folder `descriptor` (without `.` and `..`), sorted by their UTF-8 bytes.
    ///
    /// The descriptor stays open and owned by the caller. Names are gathered into one buffer and
    /// sorted with `strcmp` (which compares bytes as unsigned) before they become strings.
    package static func names(in descriptor: Int32, path: String) throws(HashingError) -> [String] {
        let copy = dup(descriptor)
        guard copy >= 0, let stream = fdopendir(copy) else {
            throw HashingError.system(path: path, operation: "list", code: errno)
        }
        defer { closedir(stream) }
        var buffer: [CChar] = []
        var starts: [Int] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw HashingError.system(path: path, operation: "list", code: errno) }
                break
            }
            withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let name = raw.bindMemory(to: CChar.self)
                let length = strlen(name.baseAddress!)
                if (length == 1 && name[0] == 0x2E) || (length == 2 && name[0] == 0x2E && name[1] == 0x2E) { return }
                starts.append(buffer.count)
                buffer.append(contentsOf: name[0..<length])
                buffer.append(0)
            }
        }
        return try buffer.withUnsafeBufferPointer { (base) throws(HashingError) -> [String] in
            let origin = base.baseAddress!
            starts.sort { strcmp(origin + $0, origin + $1) < 0 }
            var names: [String] = []
            names.reserveCapacity(starts.count)
            for start in starts {
                let bytes = UnsafeRawBufferPointer(start: origin + start, count: strlen(origin + start))
                guard let name = String(validating: bytes, as: UTF8.self) else {
                    throw HashingError.nameNotUTF8(folder: path)
                }
                names.append(name)
            }
            return names
        }
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
