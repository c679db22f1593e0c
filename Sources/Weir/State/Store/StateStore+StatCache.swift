import Foundation

extension StateStore {
    /// The whole stat cache, keyed by project-relative path, read in one query.
    ///
    /// This is on the hot path of `weir status`; columns are decoded by index straight from the statement.
    public func statCacheEntries() throws -> [String: StatCacheEntry] {
        try read("read the stat cache") { db in
            var entries: [String: StatCacheEntry] = [:]
            try db.forEachRow("SELECT path, device, inode, size, mtime_ns, sha256 FROM stat_cache", []) { row in
                let entry = try decodeStatCacheEntry(row)
                entries[entry.path] = entry
            }
            return entries
        }
    }

    /// Inserts or replaces `entries` and deletes the entries of `removing` paths, in one transaction.
    ///
    /// Device and inode numbers are stored as the signed 64-bit integers with the same bits.
    public func updateStatCache(_ entries: [StatCacheEntry], removing: [String]) throws {
        if entries.isEmpty && removing.isEmpty { return }
        // One row a path, the last given: PostgreSQL refuses to update a row twice in one statement.
        var byPath: [String: StatCacheEntry] = [:]
        for entry in entries { byPath[entry.path] = entry }
        let unique = byPath.values.sorted { $0.path < $1.path }
        try write("update the stat cache") { db in
            // Many rows a statement: one round trip per batch on a PostgreSQL server, not per file.
            var start = 0
            while start < unique.count {
                let batch = unique[start..<min(start + Self.statCacheBatch, unique.count)]
                start += batch.count
                var arguments = StateArguments(values: [])
                for entry in batch {
                    arguments += [
                        entry.path, Int64(bitPattern: entry.device), Int64(bitPattern: entry.inode), entry.size,
                        entry.mtimeNanoseconds, entry.sha256,
                    ]
                }
                let rows = Array(repeating: "(?, ?, ?, ?, ?, ?)", count: batch.count).joined(separator: ", ")
                try db.execute(
                    """
                    INSERT INTO stat_cache (path, device, inode, size, mtime_ns, sha256) VALUES \(rows)
                    ON CONFLICT (path) DO UPDATE SET device = excluded.device, inode = excluded.inode,
                        size = excluded.size, mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256
                    """, arguments)
            }
            start = 0
            while start < removing.count {
                let batch = removing[start..<min(start + Self.statCacheBatch, removing.count)]
                start += batch.count
                let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
                try db.execute("DELETE FROM stat_cache WHERE path IN (\(marks))", StateArguments(Array(batch)))
            }
        }
    }

    /// Rows a statement when the stat cache is written: 6 values a row stays far below both
    /// databases' limits on bound values.
    static let statCacheBatch = 500

    func decodeStatCacheEntry(_ row: any StateRowValues) throws -> StatCacheEntry {
        func value<T>(_ value: T?, _ column: String) throws -> T {
            guard let value else { throw invalid("stat_cache", column, "NULL") }
            return value
        }
        return StatCacheEntry(
            path: try value(row.text(at: 0), "path"),
            device: UInt64(bitPattern: try value(row.integer(at: 1), "device")),
            inode: UInt64(bitPattern: try value(row.integer(at: 2), "inode")),
            size: try value(row.integer(at: 3), "size"),
            mtimeNanoseconds: try value(row.integer(at: 4), "mtime_ns"),
            sha256: try value(row.text(at: 5), "sha256"))
    }
}
