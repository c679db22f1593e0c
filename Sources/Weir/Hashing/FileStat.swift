#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `lstat`/`fstatat` says about a path: enough to tell whether its content may have changed.
package struct FileStat: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        case file, directory, symlink
        /// A fifo, socket or device: not hashable.
        case other
    }

    package var kind: Kind
    package var device: UInt64
    package var inode: UInt64
    package var size: Int64
    package var mtimeNanoseconds: Int64

    package init(kind: Kind, device: UInt64, inode: UInt64, size: Int64, mtimeNanoseconds: Int64) {
        self.kind = kind
        self.device = device
        self.inode = inode
        self.size = size
        self.mtimeNanoseconds = mtimeNanoseconds
    }

    init(_ raw: stat) {
        switch raw.st_mode & S_IFMT {
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        default: kind = .other
        }
        device = UInt64(raw.st_dev)
        inode = UInt64(raw.st_ino)
        size = Int64(raw.st_size)
        #if canImport(Darwin)
            mtimeNanoseconds = Int64(raw.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(raw.st_mtimespec.tv_nsec)
        #else
            mtimeNanoseconds = Int64(raw.st_mtim.tv_sec) * 1_000_000_000 + Int64(raw.st_mtim.tv_nsec)
        #endif
    }

    /// The status of `path`; `nil` when nothing is there.
    ///
    /// - Parameter followLinks: `stat` instead of `lstat`.
    package static func of(_ path: String, followLinks: Bool) throws(HashingError) -> FileStat? {
        var raw = stat()
        let result = followLinks ? stat(path, &raw) : lstat(path, &raw)
        if result == 0 { return FileStat(raw) }
        let code = errno
        if code == ENOENT || code == ENOTDIR { return nil }
        throw HashingError.system(path: path, operation: "stat", code: code)
    }

    /// The status of `name` inside the open folder `directory`, without following a final symlink.
    package static func of(_ name: String, in directory: Int32, path: String) throws(HashingError) -> FileStat {
        var raw = stat()
        guard fstatat(directory, name, &raw, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw HashingError.system(path: path, operation: "stat", code: errno)
        }
        return FileStat(raw)
    }

    /// The status of what the symlink `name` inside `directory` points to; `nil` when it dangles.
    package static func target(_ name: String, in directory: Int32) -> FileStat? {
        var raw = stat()
        guard fstatat(directory, name, &raw, 0) == 0 else { return nil }
        return FileStat(raw)
    }
}
