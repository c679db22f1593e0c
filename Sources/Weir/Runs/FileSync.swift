#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Durable writes: `fsync` of files and folders, and whole trees before they are committed.
package enum FileSync {
    /// Flushes the file or folder at `path` to disk.
    package static func sync(_ path: String) throws(RunStoreError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw RunStoreError.system(path: path, operation: "open", code: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw RunStoreError.system(path: path, operation: "fsync", code: errno) }
    }

    /// Flushes every file and folder under `path` (symlinks are not followed), then `path` itself.
    package static func syncTree(_ path: String) throws(RunStoreError) {
        var raw = stat()
        guard lstat(path, &raw) == 0 else { throw RunStoreError.system(path: path, operation: "stat", code: errno) }
        switch raw.st_mode & S_IFMT {
        case S_IFDIR:
            let names: [String]
            do {
                let descriptor = try DirectoryReader.open(path, path: path)
                defer { close(descriptor) }
                names = try DirectoryReader.names(in: descriptor, path: path)
            } catch {
                throw RunStoreError.hashing(error)
            }
            for name in names { try syncTree(path + "/" + name) }
            try sync(path)
        case S_IFREG:
            try sync(path)
        default:
            // Symlinks live in their folder's entries, which the folder's fsync makes durable.
            break
        }
    }

    /// Flushes every file of the file system holding `path` in one call: cheaper than one `fsync`
    /// per file when a batch wrote thousands of small files.
    package static func syncFileSystem(containing path: String) throws(RunStoreError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw RunStoreError.system(path: path, operation: "open", code: errno) }
        defer { close(descriptor) }
        guard let flush = WholeFileSystemSync.function else {
            // No syncfs on this system: flush every file one by one.
            try syncTree(path)
            return
        }
        guard flush(descriptor) == 0 else { throw RunStoreError.system(path: path, operation: "syncfs", code: errno) }
    }

    /// Writes `bytes` to a new file at `path` and flushes it.
    package static func writeDurably(_ bytes: [UInt8], to path: String) throws(RunStoreError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw RunStoreError.system(path: path, operation: "create", code: errno) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw RunStoreError.system(path: path, operation: "write", code: errno)
            }
            written += count
        }
        guard fsync(descriptor) == 0 else { throw RunStoreError.system(path: path, operation: "fsync", code: errno) }
    }
}

/// `syncfs(2)`, which Glibc declares only for GNU sources, looked up once at run time.
private enum WholeFileSystemSync {
    typealias Function = @convention(c) (Int32) -> Int32
    static let function: Function? = {
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, "syncfs") else { return nil }
        return unsafeBitCast(pointer, to: Function.self)
    }()
}
