#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Random-access bytes to parse: a file read with `pread`, or bytes in memory.
///
/// Several threads read one source at once, each at its own offsets.
final class ByteSource: Sendable {
    private enum Storage {
        case file(descriptor: Int32)
        case memory([UInt8])
    }

    /// What error messages call the source.
    let name: String
    let size: Int
    private let storage: Storage

    init(path: String) throws(CSVError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CSVError(
                .io, "The file cannot be opened (\(Self.reason())). Check that it exists and is readable.", path: path)
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            throw CSVError(.io, "The file cannot be read (\(Self.reason())).", path: path)
        }
        guard (info.st_mode & S_IFMT) != S_IFDIR else {
            close(descriptor)
            throw CSVError(.io, "The path is a folder, not a CSV file. Name a file, or a glob of files.", path: path)
        }
        name = path
        size = Int(info.st_size)
        storage = .file(descriptor: descriptor)
    }

    init(bytes: [UInt8], name: String) {
        self.name = name
        size = bytes.count
        storage = .memory(bytes)
    }

    deinit {
        if case .file(let descriptor) = storage { close(descriptor) }
    }

    /// Fills `count` bytes at `destination` from `offset`; fewer only at the end of the source.
    func read(into destination: UnsafeMutableRawPointer, offset: Int, count: Int) throws(CSVError) -> Int {
        let wanted = max(0, min(count, size - offset))
        switch storage {
        case .memory(let bytes):
            bytes.withUnsafeBytes { source in
                destination.copyMemory(from: source.baseAddress! + offset, byteCount: wanted)
            }
            return wanted
        case .file(let descriptor):
            var done = 0
            while done < wanted {
                let got = pread(descriptor, destination + done, wanted - done, off_t(offset + done))
                if got < 0 {
                    if errno == EINTR { continue }
                    throw CSVError(
                        .io, "Reading the file failed (\(Self.reason())).", path: name, byteOffset: offset + done)
                }
                if got == 0 { break }
                done += got
            }
            return done
        }
    }

    private static func reason() -> String {
        String(cString: strerror(errno))
    }
}

/// A window of a source in memory, grown when a record runs past its end.
final class ChunkBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes held.
    private(set) var count = 0
    /// The source offset of `base[0]`.
    private(set) var origin = 0
    /// Whether the bytes held reach the end of the source.
    private(set) var reachesEnd = false
    let source: ByteSource

    init(source: ByteSource) {
        self.source = source
        capacity = 1 << 16
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }

    /// Replaces the contents with `count` bytes from `origin`.
    func load(from origin: Int, count wanted: Int) throws(CSVError) {
        self.origin = origin
        count = 0
        try extend(to: wanted)
    }

    /// Reads on until the buffer holds `newCount` bytes or reaches the end of the source.
    func extend(to newCount: Int) throws(CSVError) {
        let target = min(newCount, source.size - origin)
        if target > capacity {
            var newCapacity = capacity
            while newCapacity < target { newCapacity *= 2 }
            let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            newBase.update(from: base, count: count)
            base.deallocate()
            base = newBase
            capacity = newCapacity
        }
        if target > count {
            count += try source.read(into: base + count, offset: origin + count, count: target - count)
        }
        reachesEnd = origin + count >= source.size
    }

    /// Gives back memory after a chunk with an unusually long record.
    func shrink(to limit: Int) {
        guard capacity > limit && count <= limit else { return }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: limit)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = limit
    }
}
