import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Hashes files by content and folders as Merkle trees.
///
/// A file hashes to the SHA-256 of its bytes; a symlink inside a folder to the SHA-256 of its
/// target text (it is not followed); a folder to the SHA-256 of its entries sorted by name bytes,
/// each written as a kind byte (`f`, `d` or `l`), the entry's 64 hex digits, its name and a NUL.
/// With a ``StatCache``, files whose status is unchanged are not read.
package final class TreeHasher {
    /// A hashed file or link inside the tree, for manifests.
    package struct Leaf: Sendable, Hashable {
        /// Path relative to the hashed root.
        package var path: String
        package var size: Int64
        package var sha256: String
        /// The target text when the entry is a symlink.
        package var linkTarget: String?
    }

    private let cache: StatCache?
    /// Prefix for stat cache keys: the project-relative path of the hashed root.
    private var collecting: [Leaf]?
    private var seen: Set<String> = []
    package private(set) var filesRead = 0
    package private(set) var bytesRead: Int64 = 0
    package private(set) var filesChecked = 0

    /// A hasher that consults and fills `cache` (pass `nil` for outputs, which are always read).
    package init(cache: StatCache?) {
        self.cache = cache
    }

    /// The hash of the file or folder at `absolute`, following a symlink at that path itself.
    ///
    /// - Parameter key: the project-relative path, used to key the stat cache.
    /// - Returns: `nil` when nothing exists at `absolute`.
    package func hash(absolute: String, key: String) throws(HashingError) -> String? {
        guard let stat = try FileStat.of(absolute, followLinks: true) else { return nil }
        seen = []
        defer { seen = [] }
        let digest: String
        switch stat.kind {
        case .file: digest = try fileDigest(AT_FDCWD, absolute, key: key, path: absolute, stat: stat)
        case .directory:
            let descriptor = try DirectoryReader.open(absolute, path: absolute)
            defer { close(descriptor) }
            digest = try directoryDigest(descriptor, key: key, path: absolute, relative: "")
            cache?.prune(under: key, keeping: seen)
        case .symlink, .other: throw HashingError.unsupportedFileType(path: absolute)
        }
        return digest
    }

    /// The Merkle hash of the folder at `absolute` and every file and link in it, for a run's output.
    package func manifest(ofFolder absolute: String) throws(HashingError) -> (hash: String, leaves: [Leaf]) {
        collecting = []
        defer { collecting = nil }
        let descriptor = try DirectoryReader.open(absolute, path: absolute)
        defer { close(descriptor) }
        let digest = try directoryDigest(descriptor, key: "", path: absolute, relative: "")
        return (digest, collecting ?? [])
    }

    private func fileDigest(
        _ directory: Int32, _ name: String, key: String, path: String, stat: FileStat
    ) throws(HashingError) -> String {
        filesChecked += 1
        if let cache {
            seen.insert(key)
            if let known = cache.lookup(key, stat) { return known }
        }
        let (digest, bytes) = try Digest.file(name, in: directory, path: path)
        filesRead += 1
        bytesRead += bytes
        cache?.record(key, stat, sha256: digest)
        return digest
    }

    private func directoryDigest(
        _ descriptor: Int32, key: String, path: String, relative: String
    ) throws(HashingError) -> String {
        var listing: [UInt8] = []
        for name in try DirectoryReader.names(in: descriptor, path: path) {
            let childPath = path + "/" + name
            let childKey = key.isEmpty ? name : key + "/" + name
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            let stat = try FileStat.of(name, in: descriptor, path: childPath)
            let kind: UInt8
            let digest: String
            switch stat.kind {
            case .file:
                kind = UInt8(ascii: "f")
                digest = try fileDigest(descriptor, name, key: childKey, path: childPath, stat: stat)
                collecting?.append(Leaf(path: childRelative, size: stat.size, sha256: digest, linkTarget: nil))
            case .directory:
                kind = UInt8(ascii: "d")
                let child = try DirectoryReader.open(name, in: descriptor, path: childPath)
                defer { close(child) }
                digest = try directoryDigest(child, key: childKey, path: childPath, relative: childRelative)
            case .symlink:
                kind = UInt8(ascii: "l")
                let target = try DirectoryReader.linkTarget(name, in: descriptor, path: childPath)
                digest = Digest.sha256Hex(target)
                collecting?.append(
                    Leaf(
                        path: childRelative, size: Int64(target.count), sha256: digest,
                        linkTarget: String(decoding: target, as: UTF8.self)))
            case .other:
                throw HashingError.unsupportedFileType(path: childPath)
            }
            listing.append(kind)
            listing.append(contentsOf: digest.utf8)
            listing.append(contentsOf: name.utf8)
            listing.append(0)
        }
        return Digest.sha256Hex(listing)
    }
}
