import Synchronization

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
/// Safe to use from several threads.
package final class StatCache: Sendable {
    package typealias Entry = StatCacheEntry

    private struct State {
        /// Folder entries, keyed `/<folder>/`.
        var folders: [String: Entry]
        /// File entries, loaded on first use.
        var files: [String: Entry]?
        var changes: [String: Entry] = [:]
        var removals: Set<String> = []
        var hits = 0
        var misses = 0
        var folderHits = 0
    }

    private let state: Mutex<State>
    private let loadFiles: @Sendable () -> [String: Entry]
    /// Modification times at or after this (nanoseconds since 1970) are too recent to trust.
    package let trustBefore: Int64

    /// The project's stat cache: folder entries now, file entries when first needed.
    package convenience init(store: StateStore?) throws {
        guard let store else {
            self.init()
            return
        }
        self.init(folders: try store.statCacheFolderEntries()) {
            (try? store.statCacheEntries())?.filter { !StatCache.isFolderKey($0.key) } ?? [:]
        }
    }

    /// A cache holding `entries` (file and folder entries), trusting modification times older than one
    /// second before `now`.
    package convenience init(entries: [String: Entry] = [:], now: Int64 = StatCache.nowNanoseconds()) {
        self.init(folders: entries.filter { StatCache.isFolderKey($0.key) }, now: now) {
            entries.filter { !StatCache.isFolderKey($0.key) }
        }
    }

    private init(
        folders: [String: Entry], now: Int64 = StatCache.nowNanoseconds(),
        loadFiles: @escaping @Sendable () -> [String: Entry]
    ) {
        self.state = Mutex(State(folders: folders))
        self.loadFiles = loadFiles
        self.trustBefore = now - 1_000_000_000
    }

    /// Entries added or changed since loading, by path.
    package var changes: [String: Entry] { state.withLock { $0.changes } }
    /// Paths whose entry no longer holds (the file changed or vanished).
    package var removals: Set<String> { state.withLock { $0.removals } }
    package var hits: Int { state.withLock { $0.hits } }
    package var misses: Int { state.withLock { $0.misses } }
    package var folderHits: Int { state.withLock { $0.folderHits } }
    package var hasChanges: Bool { state.withLock { !$0.changes.isEmpty || !$0.removals.isEmpty } }

    /// The number of entries (files and folders).
    package var count: Int {
        let loader = loadFiles
        return state.withLock { state in
            if state.files == nil { state.files = loader() }
            return state.files!.count + state.folders.count
        }
    }

    /// Writes what changed back to the store, in one transaction.
    package func save(to store: StateStore) throws {
        let (changes, removals) = state.withLock { ($0.changes, $0.removals) }
        guard !changes.isEmpty || !removals.isEmpty else { return }
        try store.updateStatCache(Array(changes.values), removing: Array(removals))
        state.withLock {
            $0.changes = [:]
            $0.removals = []
        }
    }

    static func isFolderKey(_ key: String) -> Bool { key.hasPrefix("/") }

    /// The key of a folder's entry.
    static func folderKey(_ path: String) -> String { "/" + path + "/" }

    /// The remembered hash of the file `path` when its status still matches.
    package func lookup(_ path: String, _ stat: FileStat) -> String? {
        let loader = loadFiles
        return state.withLock { state in
            if state.files == nil { state.files = loader() }
            if let entry = state.files![path], entry.matches(stat) {
                state.hits += 1
                return entry.sha256
            }
            state.misses += 1
            return nil
        }
    }

    /// Whether the file `path` has a remembered hash for this status, without counting a hit or miss.
    package func knows(_ path: String, _ stat: FileStat) -> Bool {
        let loader = loadFiles
        return state.withLock { state in
            if state.files == nil { state.files = loader() }
            return state.files![path]?.matches(stat) ?? false
        }
    }

    /// Remembers the hash just computed for the file `path`.
    package func record(_ path: String, _ stat: FileStat, sha256: String) {
        let loader = loadFiles
        let trusted = stat.mtimeNanoseconds < trustBefore
        let entry = Entry(
            path: path, device: stat.device, inode: stat.inode, size: stat.size,
            mtimeNanoseconds: stat.mtimeNanoseconds,
            sha256: sha256)
        state.withLock { state in
            if state.files == nil { state.files = loader() }
            if trusted {
                state.files![path] = entry
                state.changes[path] = entry
                state.removals.remove(path)
            } else if state.files!.removeValue(forKey: path) != nil {
                state.removals.insert(path)
            }
        }
    }

    /// The Merkle hash of the folder `path` if its signature and status are those remembered.
    package func folderHash(_ path: String, _ stat: FileStat, signature: Int64) -> String? {
        let key = Self.folderKey(path)
        return state.withLock { state in
            guard let entry = state.folders[key], entry.size == signature, entry.inode == stat.inode,
                entry.device == stat.device, entry.mtimeNanoseconds == stat.mtimeNanoseconds
            else { return nil }
            state.folderHits += 1
            return entry.sha256
        }
    }

    /// Remembers a folder's signature and Merkle hash.
    package func recordFolder(_ path: String, _ stat: FileStat, signature: Int64, hash: String) {
        let key = Self.folderKey(path)
        let entry = Entry(
            path: key, device: stat.device, inode: stat.inode, size: signature, mtimeNanoseconds: stat.mtimeNanoseconds,
            sha256: hash)
        state.withLock { state in
            state.folders[key] = entry
            state.changes[key] = entry
            state.removals.remove(key)
        }
    }

    /// Forgets the entries of files and folders that no longer exist under `root` (the project
    /// folder); returns how many.
    @discardableResult
    package func forgetMissing(root: String) -> Int {
        let loader = loadFiles
        return state.withLock { state in
            if state.files == nil { state.files = loader() }
            var forgotten = 0
            for path in state.files!.keys where access(root + "/" + path, F_OK) != 0 {
                state.files!.removeValue(forKey: path)
                state.changes.removeValue(forKey: path)
                state.removals.insert(path)
                forgotten += 1
            }
            for key in state.folders.keys where access(root + key, F_OK) != 0 {
                state.folders.removeValue(forKey: key)
                state.changes.removeValue(forKey: key)
                state.removals.insert(key)
                forgotten += 1
            }
            return forgotten
        }
    }

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
