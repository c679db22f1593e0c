import Foundation

/// What `weir gc` removed (or would remove).
public struct GarbageReport: Sendable, Hashable {
    public struct Removal: Sendable, Hashable {
        public var run: String
        public var stage: String?
        public var bytes: Int64
    }

    public var removed: [Removal]
    /// Unfinished run folders of processes that are gone.
    public var leftovers: Int
    public var kept: Int
    /// Stat cache entries of files that no longer exist.
    public var forgottenHashes: Int
    public var dryRun: Bool

    public var bytesFreed: Int64 { removed.reduce(0) { $0 + $1.bytes } }
}

extension Project {
    /// Deletes every committed run that no version references and no output link points at, and the
    /// temporary folders of interrupted runs.
    ///
    /// Runs made by the check-and-load cache belong to no version, so they are collected too.
    /// - Parameter dryRun: only report what would be deleted.
    public func collectGarbage(dryRun: Bool) throws -> GarbageReport {
        let store = try StateStore.open(location)
        let runs = self.runs
        var keep = try store.referencedRunIDs()
        for stage in pipeline.stages {
            if let run = OutputLink(project: location, path: stage.out).currentRunID { keep.insert(run) }
        }
        var removed: [GarbageReport.Removal] = []
        var kept = 0
        for run in runs.committedRunIDs() {
            if keep.contains(run) {
                kept += 1
                continue
            }
            let stage = try? runs.record(run).stage
            removed.append(.init(run: run, stage: stage, bytes: DiskUsage.bytes(runs.folder(run))))
        }
        var leftovers = 0
        var forgotten = 0
        if !dryRun {
            let session = try store.beginSession(command: "gc", arguments: [])
            do {
                for removal in removed {
                    try runs.delete(removal.run)
                }
                leftovers = runs.removeLeftovers()
                let cache = try StatCache(store: store)
                forgotten = cache.forgetMissing(root: location.root)
                try cache.save(to: store)
            } catch {
                try? store.endSession(session.id, status: .failed, summary: "\(error)")
                throw error
            }
            let bytes = removed.reduce(0) { $0 + $1.bytes }
            let summary = "deleted \(removed.count) run(s), \(bytes) bytes; kept \(kept)"
            try store.recordEvent(
                EventRecord(
                    session: session.id, level: .info, stage: nil, kind: "gc",
                    message: "Garbage collection " + summary + ".",
                    fieldsJSON: (try? JSONValue.object([
                        "runs": .array(removed.map { .string($0.run) }), "bytes": .int(bytes),
                    ]).canonicalString()) ?? "{}"))
            try store.endSession(session.id, status: .succeeded, summary: summary)
        } else {
            leftovers = runs.leftoverNames().count
        }
        return GarbageReport(
            removed: removed, leftovers: leftovers, kept: kept, forgottenHashes: forgotten, dryRun: dryRun)
    }
}

/// Bytes used by the files under a folder.
enum DiskUsage {
    static func bytes(_ path: String) -> Int64 {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total: Int64 = 0
        while let name = enumerator.nextObject() as? String {
            let attributes = enumerator.fileAttributes
            if attributes?[.type] as? FileAttributeType == .typeRegular {
                total += (attributes?[.size] as? NSNumber)?.int64Value ?? 0
            }
            _ = name
        }
        return total
    }
}
