/// What an ingest batch must do with each source file, decided from the discovery, the current
/// manifest and the stat cache before any file is parsed.
///
/// A file whose stat data (device, inode, size, mtime) equals its stat cache entry keeps its cached
/// content hash without being read; otherwise it is hashed. A file whose hash equals the hash its
/// current manifest row records is skipped; a new or changed file is staged (superseding its row).
public struct IngestPlan: Sendable {
    public enum DeletedSourcePolicy: String, Sendable, Hashable, CaseIterable {
        /// Keep the rows (and data) of sources that disappeared.
        case keep
        /// Drop their rows from the new manifest snapshot.
        case drop
    }

    public struct Work: Sendable, Hashable {
        public var relativePath: String
        public var fields: [String: FieldValue]
        package var stat: FileStat
        public var sha256: String
        /// The row it supersedes, when the file was staged before.
        public var previousRunID: String?
    }

    public struct RejectedName: Sendable, Hashable {
        public var relativePath: String
        public var reason: String
        package var stat: FileStat
        public var sha256: String
    }

    /// Files to parse and stage.
    public var toStage: [Work] = []
    /// Files whose name does not fit the pattern and whose current row does not already say so.
    public var rejectedNames: [RejectedName] = []
    /// Paths whose current row stays as it is.
    public var unchanged: [String] = []
    /// Paths of rows whose source is gone.
    public var deleted: [String] = []
    /// Stat cache entries to store: every file that had to be hashed.
    package var hashed: [String: (stat: FileStat, sha256: String)] = [:]

    /// Plans a batch.
    ///
    /// - Parameters:
    ///   - discovery: what the walk found.
    ///   - manifest: the current snapshot's rows, by source path.
    ///   - statCache: known hashes by source path.
    ///   - runID: the run id a file would be staged under now; a row with another id (the stage's
    ///     configuration changed) is staged again.
    ///   - restageAll: stage every matching file again, changed or not (a forced run).
    ///   - hash: reads a file (by relative path) and returns its SHA-256 hex.
    package static func make(
        discovery: SourceDiscovery.Result,
        manifest: [String: ManifestRow],
        statCache: [String: (stat: FileStat, sha256: String)],
        runID: ((_ path: String, _ sha256: String) -> String)? = nil,
        restageAll: Bool = false,
        hash: (String) throws -> String
    ) throws -> IngestPlan {
        var plan = IngestPlan()
        func contentHash(_ path: String, _ stat: FileStat) throws -> String {
            if let cached = statCache[path], cached.stat == stat { return cached.sha256 }
            let digest = try hash(path)
            plan.hashed[path] = (stat, digest)
            return digest
        }
        var seen: Set<String> = []
        for match in discovery.matches {
            seen.insert(match.relativePath)
            let digest = try contentHash(match.relativePath, match.stat)
            let previous = manifest[match.relativePath]
            let sameRun = runID.map { previous?.runID == $0(match.relativePath, digest) } ?? true
            if restageAll {
                plan.toStage.append(
                    Work(
                        relativePath: match.relativePath, fields: match.fields, stat: match.stat, sha256: digest,
                        previousRunID: previous?.runID)
                )
            } else if let previous, previous.sourceHash == digest, previous.status == .staged, sameRun {
                plan.unchanged.append(match.relativePath)
            } else if let previous, previous.sourceHash == digest, previous.status == .rejected, sameRun,
                !(previous.reason.map(isNameRejection) ?? false)
            {
                // Rejected for its content, which has not changed: it would be rejected again.
                plan.unchanged.append(match.relativePath)
            } else {
                plan.toStage.append(
                    Work(
                        relativePath: match.relativePath, fields: match.fields, stat: match.stat, sha256: digest,
                        previousRunID: previous?.runID)
                )
            }
        }
        for rejection in discovery.rejections {
            seen.insert(rejection.relativePath)
            let digest = try rejection.sha256 ?? contentHash(rejection.relativePath, rejection.stat)
            if let previous = manifest[rejection.relativePath], previous.sourceHash == digest,
                previous.status == .rejected,
                previous.reason == rejection.reason
            {
                plan.unchanged.append(rejection.relativePath)
            } else {
                plan.rejectedNames.append(
                    RejectedName(
                        relativePath: rejection.relativePath, reason: rejection.reason, stat: rejection.stat,
                        sha256: digest)
                )
            }
        }
        plan.deleted = manifest.keys.filter { !seen.contains($0) }.sorted()
        return plan
    }

    /// Whether a reject reason is about the file's name (so a pattern change can fix it).
    static func isNameRejection(_ reason: String) -> Bool {
        reason.hasPrefix("The name does not match the pattern")
    }

    /// Whether nothing would change.
    public var isNoOp: Bool { toStage.isEmpty && rejectedNames.isEmpty && deleted.isEmpty }
}
