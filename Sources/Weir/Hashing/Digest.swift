import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SHA-256 helpers: hex digests of bytes and of files read in 1 MiB blocks.
package enum Digest {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The lowercase hex SHA-256 of `bytes`.
    package static func sha256Hex(_ bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    package static func hex(_ digest: SHA256.Digest) -> String {
        digest.withUnsafeBytes { raw in
            String(unsafeUninitializedCapacity: raw.count * 2) { buffer in
                for (index, byte) in raw.enumerated() {
                    buffer[index * 2] = hexDigits[Int(byte >> 4)]
                    buffer[index * 2 + 1] = hexDigits[Int(byte & 0x0F)]
                }
                return raw.count * 2
            }
        }
    }

    /// The SHA-256 of the file `name` in the open folder `directory` (or of the path `name` when
    /// `directory` is `AT_FDCWD`), with its size in bytes.
    package static func file(
        _ name: String, in directory: Int32 = AT_FDCWD, path: String
    ) throws(HashingError) -> (sha256: String, bytes: Int64) {
        let descriptor = openat(directory, name, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw HashingError.system(path: path, operation: "open", code: errno) }
        defer { close(descriptor) }
        var hasher = SHA256()
        var total: Int64 = 0
        let blockSize = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, blockSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw HashingError.system(path: path, operation: "read", code: errno)
            }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            total += Int64(count)
        }
        return (hex(hasher.finalize()), total)
    }
}
