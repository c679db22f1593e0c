import Foundation
import GRDB

extension StateStore {
    /// The whole stat cache, keyed by project-relative path, read in one query.
    ///
    /// This is on the hot path of `weir status`; columns are decoded by index straight from the statement.
    public func statCacheEntries() throws -> [String: StatCacheEntry] {
        try read("read the stat cache") { db in
            var entries: [String: StatCacheEntry] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT path, device, inode, size, mtime_ns, sha256 FROM stat_cache")
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

    /// Inserts or replaces `entries` and deletes the entries of `removing` paths, in one transaction.
    ///
    /// Device and inode numbers are stored as the signed 64-bit integers with the same bits.
    public func updateStatCache(_ entries: [StatCacheEntry], removing: [String]) throws {
        if entries.isEmpty && removing.isEmpty { return }
        try write("update the stat cache") { db in
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO stat_cache (path, device, inode, size, mtime_ns, sha256) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (path) DO UPDATE SET device = excluded.device, inode = excluded.inode,
                        size = excluded.size, mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256
                    """)
            for entry in entries {
                try upsert.execute(arguments: [
                    entry.path, Int64(bitPattern: entry.device), Int64(bitPattern: entry.inode), entry.size,
                    entry.mtimeNanoseconds, entry.sha256,
                ])
            }
            let delete = try db.cachedStatement(sql: "DELETE FROM stat_cache WHERE path = ?")
            for path in removing { try delete.execute(arguments: [path]) }
        }
    }
}
