import GRDB

extension StateStore {
    /// The stat cache's folder entries only (paths `/<folder>/`), read through the primary key's index.
    ///
    /// Folder keys start with `/`, which no project-relative file path does, so the key range
    /// [`/`, `0`) holds exactly them: this reads a few hundred rows even when the cache knows 100,000 files.
    package func statCacheFolderEntries() throws -> [String: StatCacheEntry] {
        try read("read the stat cache") { db in
            var entries: [String: StatCacheEntry] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql:
                    "SELECT path, device, inode, size, mtime_ns, sha256 FROM stat_cache WHERE path >= '/' AND path < '0'"
            )
            while let row = try rows.next() {
                let path = try row.decode(String.self, atIndex: 0)
                entries[path] = StatCacheEntry(
                    path: path,
                    device: UInt64(bitPattern: try row.decode(Int64.self, atIndex: 1)),
                    inode: UInt64(bitPattern: try row.decode(Int64.self, atIndex: 2)),
                    size: try row.decode(Int64.self, atIndex: 3),
                    mtimeNanoseconds: try row.decode(Int64.self, atIndex: 4),
                    sha256: try row.decode(String.self, atIndex: 5))
            }
            return entries
        }
    }
}
