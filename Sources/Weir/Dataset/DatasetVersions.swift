import WeirParquet

/// One kept snapshot of a dataset's manifest, with what changed since the one before.
public struct DatasetVersion: Sendable, Hashable {
    /// The snapshot number (1, 2, …).
    public var number: Int
    /// The latest `ingested_at` of its rows, in microseconds since 1970 (UTC).
    public var time: Int64?
    /// The session that committed it.
    public var session: String?
    public var staged = 0
    public var rejected = 0
    /// Rows in its staged part files.
    public var rows: Int64 = 0
    /// Source files it lists that the snapshot before did not.
    public var added = 0
    /// Source files whose row changed (re-staged: another hash, run or status).
    public var changed = 0
    /// Source files the snapshot before listed that it does not.
    public var removed = 0
}

extension Dataset {
    /// Every kept snapshot, oldest first, each compared with the snapshot before it.
    public func versions() throws -> [DatasetVersion] {
        var previous: [String: ManifestRow] = [:]
        var versions: [DatasetVersion] = []
        for number in snapshots {
            let path = layout.snapshotPath(number)
            let reader = try ParquetFileReader(path: path)
            let rows = try manifestRows(snapshot: number)
            var version = DatasetVersion(number: number)
            let latest = rows.max { $0.ingestedAt < $1.ingestedAt }
            version.time = latest?.ingestedAt
            version.session = reader.keyValueMetadata["weir.session"] ?? latest?.session
            var current: [String: ManifestRow] = [:]
            for row in rows {
                current[row.sourcePath] = row
                switch row.status {
                case .staged: version.staged += 1
                case .rejected: version.rejected += 1
                }
                version.rows += row.rows
                if let before = previous[row.sourcePath] {
                    if before.runID != row.runID || before.sourceHash != row.sourceHash || before.status != row.status {
                        version.changed += 1
                    }
                } else {
                    version.added += 1
                }
            }
            version.removed = previous.keys.filter { current[$0] == nil }.count
            versions.append(version)
            previous = current
        }
        return versions
    }
}
