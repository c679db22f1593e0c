#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of a Parquet file: an open file read with positioned reads, or an array in memory.
///
/// Positioned reads keep memory bounded by what is being decoded and are safe from several
/// threads at once; the source never changes after creation.
final class ByteSource: @unchecked Sendable {
    private enum Storage {
        case file(descriptor: Int32)
        case memory([UInt8])
    }

    private let storage: Storage
    /// The size in bytes.
    let count: Int
    /// The path, for messages; `nil` for bytes in memory.
    let path: String?

    init(path: String) throws(ParquetError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw ParquetError(.io, "Cannot open the file: \(reason).", path: path)
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw ParquetError(.io, "Cannot read the file's size: \(reason).", path: path)
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw ParquetError(
                .io, "This is a folder or device, not a file. Pass the path of a Parquet file.", path: path)
        }
        storage = .file(descriptor: descriptor)
        count = Int(status.st_size)
        self.path = path
    }

    init(bytes: [UInt8]) {
        storage = .memory(bytes)
        count = bytes.count
        path = nil
    }

    deinit {
        if case .file(let descriptor) = storage { close(descriptor) }
    }

    /// The `length` bytes at `offset`.
    ///
    /// - Throws: `.corrupt` when the range is not inside the source (the file points past its end),
    ///   `.io` when the operating system fails the read.
    func read(offset: Int, length: Int) throws(ParquetError) -> [UInt8] {
        guard offset >= 0, length >= 0, offset <= count, length <= count - offset else {
            throw .corrupt("The file points to \(length) bytes at offset \(offset), outside its \(count) bytes.")
        }
        switch storage {
        case .memory(let bytes):
            return Array(bytes[offset..<(offset + length)])
        case .file(let descriptor):
            guard length > 0 else { return [] }
            var failure: Int32 = 0
            var done = 0
            let buffer = [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
                while done < length {
                    let got = pread(descriptor, buffer.baseAddress! + done, length - done, off_t(offset + done))
                    if got < 0 && errno == EINTR { continue }
                    if got < 0 { failure = errno }
                    if got <= 0 { break }
                    done += got
                }
                if done < length { (buffer.baseAddress! + done).initialize(repeating: 0, count: length - done) }
                initialized = length
            }
            if failure != 0 {
                let reason = String(cString: strerror(failure))
                throw ParquetError(.io, "Cannot read \(length) bytes at offset \(offset): \(reason).", path: path)
            }
            guard done == length else {
                throw ParquetError(
                    .io, "Cannot read \(length) bytes at offset \(offset): the file shrank while it was read.",
                    path: path)
            }
            return buffer
        }
    }
}
