import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starts a run of an ingest stage from the dataset of the stage's previous run: the same folders
/// with every file hard-linked (copied where the file system refuses a link), so that a batch
/// writes only what changed and the previous run keeps its files untouched.
enum DatasetSnapshot {
    /// Recreates the tree of `source` under `target`, skipping a killed batch's marker and
    /// temporary files. The first two levels of folders are spread over all cores.
    ///
    /// - Parameter record: the `_SUCCESS` record of the run that owns `source`.
    /// - Returns: the content hashes the record vouches for, by path relative to `target`: those of
    ///   files whose size matches and that were not modified after the run was committed.
    static func link(_ source: String, record: SuccessRecord?, into target: String) throws -> [String: StatCacheEntry] {
        var recorded: [String: SuccessRecord.OutputFile] = [:]
        for file in record?.files ?? [] where file.link == nil { recorded[file.path] = file }
        let linker = Linker(
            recorded: recorded, committedAt: record.map { Int64($0.finishedAt.timeIntervalSince1970 * 1e9) } ?? .min)
        if mkdir(target, 0o755) != 0 && errno != EEXIST {
            throw RunStoreError.system(path: target, operation: "create the folder", code: errno)
        }
        return try linker.link(from: source, to: target, relative: "", depth: 0)
    }

    private struct Linker: Sendable {
        let recorded: [String: SuccessRecord.OutputFile]
        let committedAt: Int64

        /// Links the entries of the folder `from` into the existing folder `to`.
        func link(from fromPath: String, to toPath: String, relative: String, depth: Int) throws
            -> [String: StatCacheEntry]
        {
            let from = try DirectoryReader.open(fromPath, path: fromPath)
            defer { close(from) }
            let to = try DirectoryReader.open(toPath, path: toPath)
            defer { close(to) }
            var known: [String: StatCacheEntry] = [:]
            var folders: [String] = []
            for name in try DirectoryReader.names(in: from, path: fromPath) {
                if name.hasSuffix(".batch-in-progress") || name.contains(".tmp-") { continue }
                let sourcePath = fromPath + "/" + name
                let targetPath = toPath + "/" + name
                let path = relative.isEmpty ? name : relative + "/" + name
                let stat = try FileStat.of(name, in: from, path: sourcePath)
                switch stat.kind {
                case .directory:
                    if mkdirat(to, name, 0o755) != 0 && errno != EEXIST {
                        throw RunStoreError.system(path: targetPath, operation: "create the folder", code: errno)
                    }
                    folders.append(name)
                case .file:
                    if linkat(from, name, to, name, 0) != 0 {
                        let code = errno
                        guard code == EXDEV || code == EPERM || code == EMLINK || code == ENOTSUP else {
                            throw RunStoreError.system(path: targetPath, operation: "link the file", code: code)
                        }
                        try FileManager.default.copyItem(atPath: sourcePath, toPath: targetPath)
                        continue
                    }
                    if let file = recorded[path], file.size == stat.size, stat.mtimeNanoseconds <= committedAt {
                        known[path] = StatCacheEntry(
                            path: path, device: stat.device, inode: stat.inode, size: stat.size,
                            mtimeNanoseconds: stat.mtimeNanoseconds, sha256: file.sha256)
                    }
                case .symlink:
                    let text = try DirectoryReader.linkTarget(name, in: from, path: sourcePath)
                    let created = (text + [0]).withUnsafeBufferPointer { bytes in
                        bytes.withMemoryRebound(to: CChar.self) { symlinkat($0.baseAddress!, to, name) }
                    }
                    if created != 0 {
                        throw RunStoreError.system(path: targetPath, operation: "create the link", code: errno)
                    }
                case .other:
                    continue
                }
            }
            let visit: @Sendable (String) throws -> [String: StatCacheEntry] = { [self] name in
                try link(
                    from: fromPath + "/" + name, to: toPath + "/" + name,
                    relative: relative.isEmpty ? name : relative + "/" + name, depth: depth + 1)
            }
            guard depth < 2, folders.count > 1 else {
                for name in folders { known.merge(try visit(name)) { first, _ in first } }
                return known
            }
            // Creating thousands of folders is kernel work that both cores can share.
            let results = Mutex<(known: [String: StatCacheEntry], error: (any Error)?)>((known, nil))
            let names = folders
            DispatchQueue.concurrentPerform(iterations: names.count) { index in
                do {
                    let found = try visit(names[index])
                    results.withLock { $0.known.merge(found) { first, _ in first } }
                } catch {
                    results.withLock { $0.error = $0.error ?? error }
                }
            }
            let final = results.withLock { $0 }
            if let error = final.error { throw error }
            return final.known
        }
    }
}
