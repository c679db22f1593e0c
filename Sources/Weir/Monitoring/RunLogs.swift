import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a run's captured output is: `stdout.log` and `stderr.log` (and, for an ingest stage, the
/// batch's `ingest-summary.json`) in its logs folder.
///
/// The folder moves with the run: `.weir/runs/.tmp-<run>-<pid>-<n>/_logs/` while it runs,
/// `.weir/runs/<run>/_logs/` once committed, `.weir/failed/<stage>/` for a stage's latest failed run.
/// Files opened while the run goes on stay readable through those renames.
public struct RunLogs: Sendable, Hashable {
    public var folder: String
    public var stdoutPath: String { folder + "/stdout.log" }
    public var stderrPath: String { folder + "/stderr.log" }
    public var ingestSummaryPath: String { folder + "/ingest-summary.json" }
    /// The report of a quality stage's run.
    public var qualityReportPath: String { folder + "/quality.json" }

    /// The logs folder of `run` as it stands now; nil when the run's folder is gone (removed by
    /// `weir gc`, replaced by a later failure of the stage, or not created yet).
    ///
    /// - Parameter latestFailed: for a failed run, whether it is its stage's latest failed run,
    ///   the only one whose logs are kept.
    public static func locate(_ run: RunRecord, project: ProjectLocation, latestFailed: Bool) -> RunLogs? {
        let runs = RunStore(project: project)
        switch run.status {
        case .succeeded:
            let folder = runs.folder(run.id) + "/_logs"
            return exists(folder) ? RunLogs(folder: folder) : nil
        case .failed:
            let folder = runs.failureLogsFolder(stage: run.stage)
            return latestFailed && exists(folder) ? RunLogs(folder: folder) : nil
        case .running:
            // The newest temporary folder of this run (there is one unless an earlier one was left by a crash).
            let names = (try? FileManager.default.contentsOfDirectory(atPath: runs.directory)) ?? []
            let candidates = names.filter { $0.hasPrefix(".tmp-\(run.id)-") }.map {
                runs.directory + "/" + $0 + "/_logs"
            }
            if let newest = candidates.filter(exists).max(by: { modified($0) < modified($1) }) {
                return RunLogs(folder: newest)
            }
            // It may have been committed or failed since the record was read.
            let committed = runs.folder(run.id) + "/_logs"
            return exists(committed) ? RunLogs(folder: committed) : nil
        }
    }

    private static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    private static func modified(_ path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        return Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
    }
}

/// Reads a log file as it grows: each call returns the bytes written since the last one.
///
/// The file stays open, so a rename of its folder (the run committing or failing) loses nothing.
public final class LogTail {
    private let descriptor: Int32

    /// Opens `path`; nil when it does not exist.
    public init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The bytes written since the last call (possibly none).
    public func readNew() -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                result.append(contentsOf: buffer[0..<count])
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return result
            }
        }
    }
}
