#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The temporary file a writer fills, renamed onto its destination only once complete (or, in
/// place, the destination itself).
struct OutputFile {
    /// Where the finished file goes.
    let path: String
    /// `<path>.tmp-<pid>-<random>`, next to `path` so that the rename stays on one file system;
    /// `path` itself when writing in place.
    let temporaryPath: String
    private let inPlace: Bool
    private var descriptor: Int32
    /// Whether the temporary file is still there to delete.
    private var temporaryExists = true
    /// Bytes written so far.
    private(set) var offset: Int = 0

    init(path: String, inPlace: Bool = false) throws(ParquetError) {
        self.path = path
        self.inPlace = inPlace
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        temporaryPath = inPlace ? path : "\(path).tmp-\(getpid())-\(suffix)"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == EEXIST && inPlace {
            // A file already there (perhaps a hard link shared with another folder) is replaced,
            // never written through.
            _ = unlink(path)
            descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        if descriptor < 0 {
            throw Self.failure(
                "Cannot create the file '\(temporaryPath)'",
                hint: "Please check that the folder exists and is writable.", path: path)
        }
    }

    /// Writes `blocks` in order. Small blocks (page headers, small pages, the footer) are gathered
    /// so that a small file takes one `write` and no partial page is written twice.
    mutating func write(_ blocks: [[UInt8]]) throws(ParquetError) {
        var gathered: [UInt8] = []
        for block in blocks {
            if block.count >= Self.directWrite {
                if !gathered.isEmpty {
                    try writeAll(gathered)
                    gathered.removeAll(keepingCapacity: true)
                }
                try writeAll(block)
            } else {
                if gathered.isEmpty { gathered.reserveCapacity(Self.gatherLimit) }
                gathered.append(contentsOf: block)
                if gathered.count >= Self.gatherLimit {
                    try writeAll(gathered)
                    gathered.removeAll(keepingCapacity: true)
                }
            }
        }
        if !gathered.isEmpty { try writeAll(gathered) }
    }

    /// Blocks at least this big are written as they are.
    private static let directWrite = 1 << 16
    /// Gathered bytes are written once they reach this size.
    private static let gatherLimit = 1 << 18

    private mutating func writeAll(_ bytes: [UInt8]) throws(ParquetError) {
        let result: Int32 = bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let count = systemWrite(descriptor, raw.baseAddress! + done, raw.count - done)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += count
            }
            return 0
        }
        if result != 0 {
            errno = result
            throw Self.failure(
                "Cannot write to '\(temporaryPath)'", hint: "Please check the free space on the disk.", path: path)
        }
        offset += bytes.count
    }

    /// Flushes the file to the disk and moves it onto `path`.
    mutating func commit(sync: Bool = true) throws(ParquetError) {
        #if os(Linux)
            // The caller flushes later (many files at once): start writing this one back now, so
            // that the disk works while the caller goes on and the final flush has less to do.
            if !sync, let startWriteback = EarlyWriteback.function {
                _ = startWriteback(descriptor, 0, 0, EarlyWriteback.write)
            }
        #endif
        if sync && fsync(descriptor) != 0 {
            throw Self.failure(
                "Cannot flush '\(temporaryPath)' to the disk", hint: "Please check the disk.", path: path)
        }
        let closed = close(descriptor)
        descriptor = -1
        if closed != 0 {
            throw Self.failure("Cannot close '\(temporaryPath)'", hint: "Please check the disk.", path: path)
        }
        if !inPlace && rename(temporaryPath, path) != 0 {
            throw Self.failure(
                "Cannot move '\(temporaryPath)' onto '\(path)'",
                hint: "Please check that the destination is not a folder and is writable.", path: path)
        }
        temporaryExists = false
        // Make the rename itself durable.
        guard sync else { return }
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let directory = open(folder.isEmpty ? "/" : folder, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            _ = close(directory)
        }
    }

    /// Closes and deletes the temporary file; does nothing once committed.
    mutating func discard() {
        if descriptor >= 0 {
            _ = close(descriptor)
            descriptor = -1
        }
        if temporaryExists {
            _ = unlink(temporaryPath)
            temporaryExists = false
        }
    }

    private static func failure(_ what: String, hint: String, path: String) -> ParquetError {
        let reason = String(cString: strerror(errno))
        return ParquetError(.io, "\(what): \(reason). \(hint)", path: path)
    }
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

#if os(Linux)
    /// `sync_file_range`, which the C module does not expose (it needs `_GNU_SOURCE`).
    private enum EarlyWriteback {
        typealias Function = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
        /// `SYNC_FILE_RANGE_WRITE`: start writing dirty pages back without waiting.
        static let write: UInt32 = 2
        static let function: Function? = {
            guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, "sync_file_range") else { return nil }
            return unsafeBitCast(pointer, to: Function.self)
        }()
    }
#endif
