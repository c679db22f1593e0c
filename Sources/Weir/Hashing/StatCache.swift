/// Content hashes remembered by file status, so unchanged inputs are recognised without reading them.
///
/// A file's entry matches when device, inode, size and modification time (in nanoseconds) are all
/// the same. A folder's entry (path `/<folder>/`) holds a signature of its entries' names and
/// statuses (and its subfolders' hashes) in `size` and its Merkle hash in `sha256`: when the
/// signature matches, the folder's hash is known without looking at any file's entry, so an
/// unchanged tree costs one `stat` per file and no per-file lookups. File entries are loaded from
/// the store only when some folder changed.
///
/// Files modified less than a second before hashing began are not remembered (nor are the folders
/// holding them): a second write within the file system's timestamp granularity could go unnoticed.
package final class StatCache {
    package typealias Entry = StatCacheEntry

    /// Folder entries, keyed `/<folder>/`.
    private var folders: [String: Entry]
    /// File entries, loaded on first use.
    private var files: [String: Entry]?
    private let loadFiles: () -> [String: Entry]
    /// Entries added or changed since loading, by path.
    package private(set) var changes: [String: Entry] = [:]
    /// Paths whose entry no longer holds (the file changed or vanished).
    package private(set) var removals: Set<String> = []
    /// Modification times at or after this (nanoseconds since 1970) are too recent to trust.
    package let trustBefore: Int64
    package private(set) var hits = 0
    package private(set) var misses = 0
    package private(set) var folderHits = 0

    /// The project's stat cache: folder entries now, file entries when first needed.
    package convenience init(store: StateStore?) throws {
        guard let store else {
            self.init()
            return
        }
        self.init(folders: try store.statCacheFolderEntries()) {
            (try? store.statCacheEntries())?.filter { !Self.isFolderKey($0.key) } ?? [:]
        }
    }

    /// A cache holding `entries` (file and folder entries), trusting modification times older than one
    /// second before `now`.
    package convenience init(entries: [String: Entry] = [:], now: Int64 = StatCache.nowNanoseconds()) {
        self.init(folders: entries.filter { Self.isFolderKey($0.key) }, now: now) {
            entries.filter { !Self.isFolderKey($0.key) }
        }
    }

    private init(
        folders: [String: Entry], now: Int64 = StatCache.nowNanoseconds(),
        loadFiles: @escaping () -> [String: Entry]
    ) {
        self.folders = folders
        self.loadFiles = loadFiles
        self.trustBefore = now - 1_000_000_000
    }

    /// Writes what changed back to the store, in one transaction.
    package func save(to store: StateStore) throws {
        guard hasChanges else { return }
        try store.updateStatCache(Array(changes.values), removing: Array(removals))
        changes = [:]
        removals = []
    }

    /// The number of entries (files and folders).
    package var count: Int { fileEntries().count + folders.count }

    static func isFolderKey(_ key: String) -> Bool { key.hasPrefix("/") }

    /// The key of a folder's entry.
    static func folderKey(_ path: String) -> String { "/" + path + "/" }

    private func fileEntries() -> [String: Entry] {
        if let files { return files }
        let loaded = loadFiles()
        files = loaded
        return loaded
    }

    /// The remembered hash of the file `path` when its status still matches.
    package func lookup(_ path: String, _ stat: FileStat) -> String? {
        if let entry = fileEntries()[path], entry.matches(stat) {
            hits += 1
            return entry.sha256
        }
        misses += 1
        return nil
    }

    /// Remembers the hash just computed for the file `path`.
    package func record(_ path: String, _ stat: FileStat, sha256: String) {
        guard stat.mtimeNanoseconds < trustBefore else {
            if files == nil { files = loadFiles() }
            if files?.removeValue(forKey: path) != nil { removals.insert(path) }
            return
        }
        let entry = Entry(
            path: path, device: stat.device, inode: stat.inode, size: stat.size,
            mtimeNanoseconds: stat.mtimeNanoseconds,
            sha256: sha256)
        if files == nil { files = loadFiles() }
        files?[path] = entry
        changes[path] = entry
        removals.remove(path)
    }

    /// The Merkle hash of the folder `path` if its signature and status are those remembered.
    package func folderHash(_ path: String, _ stat: FileStat, signature: Int64) -> String? {
        guard let entry = folders[Self.folderKey(path)], entry.size == signature, entry.inode == stat.inode,
            entry.device == stat.device, entry.mtimeNanoseconds == stat.mtimeNanoseconds
        else { return nil }
        folderHits += 1
        return entry.sha256
    }

    /// Remembers a folder's signature and Merkle hash.
    package func recordFolder(_ path: String, _ stat: FileStat, signature: Int64, hash: String) {
        let key = Self.folderKey(path)
        let entry = Entry(
            path: key, device: stat.device, inode: stat.inode, size: signature, mtimeNanoseconds: stat.mtimeNanoseconds,
            sha256: hash)
        folders[key] = entry
        changes[key] = entry
        removals.remove(key)
    }

    /// Forgets the entries of files and folders that no longer exist under `root` (the project
    /// folder); returns how many.
    @discardableResult
    package func forgetMissing(root: String) -> Int {
        var forgotten = 0
        var remaining = fileEntries()
        for path in remaining.keys where access(root + "/" + path, F_OK) != 0 {
            remaining.removeValue(forKey: path)
            changes.removeValue(forKey: path)
            removals.insert(path)
            forgotten += 1
        }
        files = remaining
        for key in folders.keys where access(root + key, F_OK) != 0 {
            folders.removeValue(forKey: key)
            changes.removeValue(forKey: key)
            removals.insert(key)
            forgotten += 1
        }
        return forgotten
    }

    package var hasChanges: Bool { !changes.isEmpty || !removals.isEmpty }

    package static func nowNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}

extension StatCacheEntry {
    func matches(_ stat: FileStat) -> Bool {
        stat.mtimeNanoseconds == mtimeNanoseconds && stat.size == size && stat.inode == inode && stat.device == device
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
