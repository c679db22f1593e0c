/// Content hashes remembered by file status, so unchanged files are recognised without reading them.
///
/// An entry matches when device, inode, size and modification time (in nanoseconds) are all the
/// same. Files modified less than a second before hashing began are not remembered: a second write
/// within the file system's timestamp granularity could otherwise go unnoticed.
package final class StatCache {
    package typealias Entry = StatCacheEntry

    private var entries: [String: Entry]
    /// Entries added or changed since loading, by path.
    package private(set) var changes: [String: Entry] = [:]
    /// Paths whose entry no longer holds (the file changed or vanished).
    package private(set) var removals: Set<String> = []
    /// Modification times at or after this (nanoseconds since 1970) are too recent to trust.
    package let trustBefore: Int64
    package private(set) var hits = 0
    package private(set) var misses = 0

    /// Loads the project's stat cache from its store (empty without a store).
    package convenience init(store: StateStore?) throws {
        self.init(entries: try store?.statCacheEntries() ?? [:])
    }

    /// Writes what changed back to the store, in one transaction.
    package func save(to store: StateStore) throws {
        guard hasChanges else { return }
        try store.updateStatCache(Array(changes.values), removing: Array(removals))
        changes = [:]
        removals = []
    }

    /// A cache holding `entries`, trusting modification times older than one second before `now`.
    package init(entries: [String: Entry] = [:], now: Int64 = StatCache.nowNanoseconds()) {
        self.entries = entries
        self.trustBefore = now - 1_000_000_000
    }

    package var count: Int { entries.count }

    /// The remembered hash of `path` when its status still matches.
    package func lookup(_ path: String, _ stat: FileStat) -> String? {
        if let entry = entries[path], entry.matches(stat) {
            hits += 1
            return entry.sha256
        }
        misses += 1
        return nil
    }

    /// Remembers the hash just computed for `path`.
    package func record(_ path: String, _ stat: FileStat, sha256: String) {
        guard stat.mtimeNanoseconds < trustBefore else {
            if entries.removeValue(forKey: path) != nil { removals.insert(path) }
            return
        }
        let entry = Entry(
            path: path, device: stat.device, inode: stat.inode, size: stat.size,
            mtimeNanoseconds: stat.mtimeNanoseconds,
            sha256: sha256)
        entries[path] = entry
        changes[path] = entry
        removals.remove(path)
    }

    /// Forgets every entry at or below `root` that is not in `seen` (files deleted since last time).
    package func prune(under root: String, keeping seen: Set<String>) {
        let prefix = root + "/"
        for path in entries.keys where (path == root || path.hasPrefix(prefix)) && !seen.contains(path) {
            entries.removeValue(forKey: path)
            changes.removeValue(forKey: path)
            removals.insert(path)
        }
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
