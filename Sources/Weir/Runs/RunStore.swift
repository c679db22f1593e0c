import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The immutable run folders: `<directory>/<run id>/` holding `out/`, `_logs/` and `_SUCCESS`.
///
/// A run is written into `<directory>/.tmp-<run id>-<pid>-<n>/` and becomes visible only by an
/// atomic rename once its files and `_SUCCESS` record are on disk, so a folder named by a run id is
/// always complete. Readers ignore `.tmp-*` folders; ``removeLeftovers()`` deletes those whose
/// process is gone.
public struct RunStore: Sendable {
    /// The folder holding the runs (`.weir/runs` in a project).
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public init(project: ProjectLocation) {
        self.directory = project.runsDirectory
    }

    public func folder(_ runID: String) -> String { directory + "/" + runID }
    /// The folder holding the stage's output files.
    public func outputFolder(_ runID: String) -> String { folder(runID) + "/out" }
    public func successPath(_ runID: String) -> String { folder(runID) + "/_SUCCESS" }

    /// Whether a committed run with this id exists.
    public func isCommitted(_ runID: String) -> Bool {
        access(successPath(runID), F_OK) == 0
    }

    /// The `_SUCCESS` record of a committed run.
    public func record(_ runID: String) throws(RunStoreError) -> SuccessRecord {
        let path = successPath(runID)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunStoreError.unreadableRecord(path: path, detail: "missing")
        }
        do {
            return try SuccessRecord.decode(data)
        } catch {
            throw RunStoreError.unreadableRecord(path: path, detail: "\(error)")
        }
    }

    /// The ids of every committed run, sorted.
    public func committedRunIDs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { !$0.hasPrefix(".") && isCommitted($0) }.sorted()
    }

    private static let counter = Atomic<Int>(0)

    /// Creates the temporary folder for a new run of `runID`, with empty `out/` and `_logs/`.
    package func begin(_ runID: String) throws(RunStoreError) -> PendingRun {
        let number = Self.counter.add(1, ordering: .relaxed).newValue
        let path = directory + "/.tmp-\(runID)-\(getpid())-\(number)"
        if access(directory, F_OK) != 0 {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw RunStoreError.system(path: directory, operation: "create the folder", code: EIO)
            }
        }
        for folder in [path, path + "/out", path + "/_logs"] {
            guard mkdir(folder, 0o755) == 0 else {
                throw RunStoreError.system(path: folder, operation: "create the folder", code: errno)
            }
        }
        return PendingRun(runID: runID, path: path)
    }

    /// What committing found.
    package enum CommitOutcome: Sendable, Hashable {
        case committed
        /// A run with the same id and the same output was already committed; the new one was discarded.
        case alreadyPresent
        /// A forced run took the place of the committed run with the same id.
        case replaced
    }

    /// Makes a pending run durable and visible: fsync its files, write `_SUCCESS`, rename into place.
    ///
    /// - Parameter filesAreDurable: the files are already flushed (an ingest snapshot of hard
    ///   links), so one flush of the file system makes the new folders durable.
    /// - Parameter replacing: when a run with the same id exists (a forced re-run), swap the new
    ///   folder in atomically (`renameat2` with `RENAME_EXCHANGE`) and delete the old one, so a
    ///   damaged or non-deterministic run is replaced. Otherwise the existing run wins.
    package func commit(
        _ pending: PendingRun, record: SuccessRecord, replacing: Bool = false, filesAreDurable: Bool = false
    ) throws(RunStoreError) -> CommitOutcome {
        if filesAreDurable {
            // Thousands of folders of hard links: one file-system flush instead of one per folder.
            try FileSync.syncFileSystem(containing: pending.path)
        } else {
            try FileSync.syncTree(pending.path)
        }
        let bytes: [UInt8]
        do {
            bytes = Array(try record.encoded())
        } catch {
            throw RunStoreError.unreadableRecord(path: pending.path + "/_SUCCESS", detail: "\(error)")
        }
        try FileSync.writeDurably(bytes + [0x0A], to: pending.path + "/_SUCCESS")
        try FileSync.sync(pending.path)
        if rename(pending.path, folder(pending.runID)) != 0 {
            let code = errno
            if (code == EEXIST || code == ENOTEMPTY) && isCommitted(pending.runID) {
                if replacing, let exchange = Exchange.function,
                    exchange(AT_FDCWD, pending.path, AT_FDCWD, folder(pending.runID), Exchange.flag) == 0
                {
                    try FileSync.sync(directory)
                    discard(pending)
                    return .replaced
                }
                discard(pending)
                return .alreadyPresent
            }
            throw RunStoreError.system(path: folder(pending.runID), operation: "rename the run into", code: code)
        }
        try FileSync.sync(directory)
        return .committed
    }

    /// Where the logs of a stage's latest failed run are kept (`.weir/failed/<stage>/`).
    package func failureLogsFolder(stage: String) -> String {
        (directory as NSString).deletingLastPathComponent + "/failed/" + stage
    }

    /// Moves a failed run's `_logs/` to ``failureLogsFolder(stage:)``, then deletes the run's folder.
    package func discardKeepingLogs(_ pending: PendingRun, stage: String) {
        let target = failureLogsFolder(stage: stage)
        try? FileManager.default.removeItem(atPath: target)
        try? FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        rename(pending.logsFolder, target)
        discard(pending)
    }

    /// Deletes a pending run's folder.
    package func discard(_ pending: PendingRun) {
        try? FileManager.default.removeItem(atPath: pending.path)
    }

    /// Deletes temporary folders left by processes that no longer run; returns how many.
    @discardableResult
    package func removeLeftovers() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var removed = 0
        for name in names where name.hasPrefix(".tmp-") {
            let parts = name.split(separator: "-")
            guard parts.count >= 4, let pid = Int32(parts[parts.count - 2]) else { continue }
            if pid == getpid() || (kill(pid, 0) == 0 || errno == EPERM) { continue }
            if (try? FileManager.default.removeItem(atPath: directory + "/" + name)) != nil { removed += 1 }
        }
        return removed
    }

    /// Names of temporary folders present now.
    package func leftoverNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix(".tmp-") }.sorted()
    }
}

/// A run being written, in its temporary folder.
package struct PendingRun: Sendable, Hashable {
    package let runID: String
    package let path: String
    package var outputFolder: String { path + "/out" }
    package var logsFolder: String { path + "/_logs" }
}

/// `renameat2(…, RENAME_EXCHANGE)`, which glibc exports but its Swift module does not import.
private enum Exchange {
    typealias Function = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    static let flag: UInt32 = 2
    static let function: Function? = {
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, "renameat2") else { return nil }
        return unsafeBitCast(pointer, to: Function.self)
    }()
}

extension RunStore {
    /// Deletes a committed run: first renamed to a temporary name (so no reader sees a half-deleted
    /// run under its id), then removed.
    package func delete(_ runID: String) throws(RunStoreError) {
        let doomed = directory + "/.tmp-gc-\(runID)-\(getpid())-0"
        guard rename(folder(runID), doomed) == 0 else {
            throw RunStoreError.system(path: folder(runID), operation: "remove", code: errno)
        }
        do {
            try FileManager.default.removeItem(atPath: doomed)
        } catch {
            throw RunStoreError.system(path: doomed, operation: "remove", code: EIO)
        }
    }
}
