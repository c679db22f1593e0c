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
        // Non-blocking, so that opening a pipe with no writer returns and can be refused below.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
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
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw CSVError(
                .io, "The path is not a regular file (a pipe or a device). Save the data to a file first.", path: path)
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
