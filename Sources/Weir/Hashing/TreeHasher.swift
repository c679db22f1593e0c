import Crypto
import Dispatch
import Foundation
import Synchronization

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
/// With a ``StatCache``, a folder whose entries' statuses are unchanged is not looked into further,
/// and files whose status is unchanged are not read.
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
    /// Hash a symlink to a regular file inside a folder by its target's content (for inputs: the
    /// data a stage reads), rather than by its target text.
    private let followFileLinks: Bool
    private var collecting: [Leaf]?
    package private(set) var filesRead = 0
    package private(set) var bytesRead: Int64 = 0
    package private(set) var filesChecked = 0

    /// A hasher that consults and fills `cache` (pass `nil` for outputs, which are always read).
    package init(cache: StatCache?, followFileLinks: Bool = false) {
        self.cache = cache
        self.followFileLinks = followFileLinks
    }

    /// The hash of the file or folder at `absolute`, following a symlink at that path itself.
    ///
    /// - Parameter key: the project-relative path, used to key the stat cache.
    /// - Returns: `nil` when nothing exists at `absolute`.
    package func hash(absolute: String, key: String) throws(HashingError) -> String? {
        try hash(absolute: absolute, key: key, collect: false)?.hash
    }

    /// Like ``hash(absolute:key:)``, also listing every file and link when `collect` is set.
    package func hash(
        absolute: String, key: String, collect: Bool
    ) throws(HashingError) -> (hash: String, leaves: [Leaf])? {
        collecting = collect ? [] : nil
        defer { collecting = nil }
        guard let stat = try FileStat.of(absolute, followLinks: true) else { return nil }
        let digest: String
        switch stat.kind {
        case .file:
            filesChecked += 1
            digest = try fileDigest(AT_FDCWD, absolute, key: key, path: absolute, stat: stat)
        case .directory:
            let descriptor = try DirectoryReader.open(absolute, path: absolute, followLink: true)
            defer { close(descriptor) }
            digest = try directoryDigest(
                descriptor, stat: stat, key: key, path: absolute, relative: "", parallel: collecting == nil)
        case .symlink, .other: throw HashingError.unsupportedFileType(path: absolute)
        }
        return (digest, Self.sorted(collecting ?? []))
    }

    /// The Merkle hash of the folder at `absolute` and every file and link in it, for a run's output.
    package func manifest(ofFolder absolute: String) throws(HashingError) -> (hash: String, leaves: [Leaf]) {
        collecting = []
        defer { collecting = nil }
        guard let stat = try FileStat.of(absolute, followLinks: true) else {
            throw HashingError.system(path: absolute, operation: "open the folder", code: ENOENT)
        }
        let descriptor = try DirectoryReader.open(absolute, path: absolute)
        defer { close(descriptor) }
        let digest = try directoryDigest(descriptor, stat: stat, key: "", path: absolute, relative: "", parallel: true)
        return (digest, Self.sorted(collecting ?? []))
    }

    /// Leaves in the byte order of their paths.
    private static func sorted(_ leaves: [Leaf]) -> [Leaf] {
        leaves.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    private func fileDigest(
        _ directory: Int32, _ name: String, key: String, path: String, stat: FileStat
    ) throws(HashingError) -> String {
        if let known = cache?.lookup(key, stat) { return known }
        let (digest, bytes) = try Digest.file(name, in: directory, path: path)
        filesRead += 1
        bytesRead += bytes
        cache?.record(key, stat, sha256: digest)
        return digest
    }

    private struct Entry {
        let name: String
        let stat: FileStat
        /// Known for subfolders once visited.
        var digest: String?
    }

    /// Hashes a folder: stats its entries (and visits its subfolders), then either takes its hash from
    /// the stat cache when the signature of those statuses is remembered, or hashes its files.
    ///
    /// - Parameter parallel: visit the subfolders on all cores (only the top folder of a hash does).
    private func directoryDigest(
        _ descriptor: Int32, stat: FileStat, key: String, path: String, relative: String, parallel: Bool = false
    ) throws(HashingError) -> String {
        var entries: [Entry] = []
        for name in try DirectoryReader.names(in: descriptor, path: path) {
            var child = try FileStat.of(name, in: descriptor, path: path + "/" + name)
            if child.kind == .symlink && followFileLinks, let target = FileStat.target(name, in: descriptor),
                target.kind == .file
            {
                child = target
            }
            if child.kind == .other { throw HashingError.unsupportedFileType(path: path + "/" + name) }
            if child.kind == .file { filesChecked += 1 }
            entries.append(Entry(name: name, stat: child, digest: nil))
        }
        let subfolders = entries.indices.filter { entries[$0].stat.kind == .directory }
        if parallel, subfolders.count >= 2 {
            let digests = try visitInParallel(
                subfolders.map { entries[$0] }, in: descriptor, key: key, path: path, relative: relative)
            for (index, digest) in zip(subfolders, digests) { entries[index].digest = digest }
        } else {
            for index in subfolders {
                let name = entries[index].name
                let childPath = path + "/" + name
                let opened = try DirectoryReader.open(name, in: descriptor, path: childPath)
                defer { close(opened) }
                entries[index].digest = try directoryDigest(
                    opened, stat: entries[index].stat, key: key.isEmpty ? name : key + "/" + name, path: childPath,
                    relative: relative.isEmpty ? name : relative + "/" + name)
            }
        }

        // The signature: each entry's name, kind and status (a subfolder's hash instead of its status).
        // Files and links too recent to trust keep the folder out of the cache.
        var record: [UInt8] = []
        record.reserveCapacity(entries.count * 64)
        var trusted = true
        for entry in entries {
            record.append(contentsOf: entry.name.utf8)
            record.append(0)
            if entry.stat.kind == .directory {
                record.append(UInt8(ascii: "d"))
                record.append(contentsOf: (entry.digest ?? "").utf8)
            } else {
                if entry.stat.mtimeNanoseconds >= (cache?.trustBefore ?? .min) { trusted = false }
                record.append(entry.stat.kind == .file ? UInt8(ascii: "f") : UInt8(ascii: "l"))
                withUnsafeBytes(of: (entry.stat.device, entry.stat.inode, entry.stat.size, entry.stat.mtimeNanoseconds))
                {
                    record.append(contentsOf: $0)
                }
            }
        }
        let signature = SHA256.hash(data: record)
        let folderSignature = signature.withUnsafeBytes { $0.load(as: Int64.self) }
        if collecting == nil, let cache, let known = cache.folderHash(key, stat, signature: folderSignature) {
            return known
        }

        var listing: [UInt8] = []
        for entry in entries {
            let childPath = path + "/" + entry.name
            let childKey = key.isEmpty ? entry.name : key + "/" + entry.name
            let childRelative = relative.isEmpty ? entry.name : relative + "/" + entry.name
            let kind: UInt8
            let digest: String
            switch entry.stat.kind {
            case .file:
                kind = UInt8(ascii: "f")
                digest = try fileDigest(descriptor, entry.name, key: childKey, path: childPath, stat: entry.stat)
                collecting?.append(Leaf(path: childRelative, size: entry.stat.size, sha256: digest, linkTarget: nil))
            case .symlink:
                kind = UInt8(ascii: "l")
                let target = try DirectoryReader.linkTarget(entry.name, in: descriptor, path: childPath)
                digest = Digest.sha256Hex(target)
                collecting?.append(
                    Leaf(
                        path: childRelative, size: Int64(target.count), sha256: digest,
                        linkTarget: String(decoding: target, as: UTF8.self)))
            case .directory, .other:
                kind = UInt8(ascii: "d")
                digest = entry.digest ?? ""
            }
            listing.append(kind)
            listing.append(contentsOf: digest.utf8)
            listing.append(contentsOf: entry.name.utf8)
            listing.append(0)
        }
        let digest = Digest.sha256Hex(listing)
        if let cache, trusted { cache.recordFolder(key, stat, signature: folderSignature, hash: digest) }
        return digest
    }

    /// The hashes of `folders` (entries of the open folder `descriptor`), each visited by its own
    /// hasher on a worker thread.
    private func visitInParallel(
        _ folders: [Entry], in descriptor: Int32, key: String, path: String, relative: String
    ) throws(HashingError) -> [String] {
        struct Outcome {
            var digests: [String?]
            var error: HashingError?
            var filesRead = 0
            var bytesRead: Int64 = 0
            var filesChecked = 0
            var leaves: [Leaf] = []
        }
        let outcome = Mutex(Outcome(digests: Array(repeating: nil, count: folders.count)))
        let cache = self.cache
        let followFileLinks = self.followFileLinks
        let collect = collecting != nil
        // With few subfolders, their own subfolders are visited in parallel too.
        let nested = folders.count < 2 * ProcessInfo.processInfo.activeProcessorCount
        let work = folders.map { (name: $0.name, stat: $0.stat) }
        DispatchQueue.concurrentPerform(iterations: work.count) { index in
            let (name, stat) = work[index]
            let hasher = TreeHasher(cache: cache, followFileLinks: followFileLinks)
            if collect { hasher.collecting = [] }
            let childPath = path + "/" + name
            let result: Result<String, HashingError>
            do throws(HashingError) {
                let opened = try DirectoryReader.open(name, in: descriptor, path: childPath)
                defer { close(opened) }
                result = .success(
                    try hasher.directoryDigest(
                        opened, stat: stat, key: key.isEmpty ? name : key + "/" + name, path: childPath,
                        relative: relative.isEmpty ? name : relative + "/" + name, parallel: nested)
                )
            } catch {
                result = .failure(error)
            }
            outcome.withLock { outcome in
                switch result {
                case .success(let digest): outcome.digests[index] = digest
                case .failure(let error): outcome.error = outcome.error ?? error
                }
                outcome.filesRead += hasher.filesRead
                outcome.bytesRead += hasher.bytesRead
                outcome.filesChecked += hasher.filesChecked
                outcome.leaves += hasher.collecting ?? []
            }
        }
        let final = outcome.withLock { $0 }
        if let error = final.error { throw error }
        filesRead += final.filesRead
        bytesRead += final.bytesRead
        filesChecked += final.filesChecked
        collecting? += final.leaves
        return final.digests.map { $0 ?? "" }
    }
}
