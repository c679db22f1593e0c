import Foundation

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
    /// temporary files.
    ///
    /// - Parameter record: the `_SUCCESS` record of the run that owns `source`.
    /// - Returns: the content hashes the record vouches for, by path relative to `target`: those of
    ///   files whose size matches and that were not modified after the run was committed.
    static func link(_ source: String, record: SuccessRecord?, into target: String) throws -> [String: StatCacheEntry] {
        var recorded: [String: SuccessRecord.OutputFile] = [:]
        for file in record?.files ?? [] where file.link == nil { recorded[file.path] = file }
        let committedAt = record.map { Int64($0.finishedAt.timeIntervalSince1970 * 1e9) } ?? .min
        var known: [String: StatCacheEntry] = [:]

        let from = try DirectoryReader.open(source, path: source)
        defer { close(from) }
        if mkdir(target, 0o755) != 0 && errno != EEXIST {
            throw RunStoreError.system(path: target, operation: "create the folder", code: errno)
        }
        let to = try DirectoryReader.open(target, path: target)
        defer { close(to) }
        try linkEntries(
            from: from, fromPath: source, to: to, toPath: target, relative: "", recorded: recorded,
            committedAt: committedAt, known: &known)
        return known
    }

    private static func linkEntries(
        from: Int32, fromPath: String, to: Int32, toPath: String, relative: String,
        recorded: [String: SuccessRecord.OutputFile], committedAt: Int64, known: inout [String: StatCacheEntry]
    ) throws {
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
                let childFrom = try DirectoryReader.open(name, in: from, path: sourcePath)
                defer { close(childFrom) }
                let childTo = try DirectoryReader.open(name, in: to, path: targetPath)
                defer { close(childTo) }
                try linkEntries(
                    from: childFrom, fromPath: sourcePath, to: childTo, toPath: targetPath, relative: path,
                    recorded: recorded, committedAt: committedAt, known: &known)
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
    }
}
