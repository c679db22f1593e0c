import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The symlink at a stage's declared output path, pointing at the current run's `out/` folder.
///
/// It is relative (`../.weir/runs/<run id>/out`), so the project can be moved, and replaced
/// atomically: a new link is made under a temporary name and renamed over the old one.
public struct OutputLink: Sendable {
    public let project: ProjectLocation
    /// The project-relative output path.
    public let path: String

    public init(project: ProjectLocation, path: String) {
        self.project = project
        self.path = path
    }

    /// The link text pointing at `runID`'s output.
    func target(for runID: String) -> String {
        let depth = path.split(separator: "/").count - 1
        return String(repeating: "../", count: depth) + ".weir/runs/\(runID)/out"
    }

    /// What is at the output path now.
    public enum State: Sendable, Hashable {
        case missing
        /// A link to a run folder's output (the run may or may not still exist).
        case run(String)
        /// Anything else: a file, a folder, a link elsewhere.
        case foreign(String)
    }

    public func state() -> State {
        let absolute = project.absolute(path)
        var raw = stat()
        guard lstat(absolute, &raw) == 0 else { return .missing }
        guard raw.st_mode & S_IFMT == S_IFLNK else {
            return .foreign(raw.st_mode & S_IFMT == S_IFDIR ? "a folder" : "a file")
        }
        guard let text = try? DirectoryReader.linkTarget(absolute, path: absolute) else { return .foreign("a link") }
        let target = String(decoding: text, as: UTF8.self)
        let parts = target.split(separator: "/")
        if parts.count >= 4, parts[parts.count - 1] == "out", parts[parts.count - 4] == ".weir",
            parts[parts.count - 3] == "runs", target == self.target(for: String(parts[parts.count - 2]))
        {
            return .run(String(parts[parts.count - 2]))
        }
        return .foreign("a link to '\(target)'")
    }

    /// The run the link points at, if it points at one.
    public var currentRunID: String? {
        if case .run(let id) = state() { return id }
        return nil
    }

    private static let counter = Atomic<Int>(0)

    /// Points the output path at `runID`'s output, replacing a previous link atomically.
    ///
    /// - Throws: ``RunStoreError/outputOccupied(stage:path:what:)`` when a file or folder that Weir
    ///   did not make is in the way.
    public func point(to runID: String, stage: String) throws(RunStoreError) {
        if case .foreign(let what) = state(), !what.hasPrefix("a link") {
            throw RunStoreError.outputOccupied(stage: stage, path: path, what: what)
        }
        let absolute = project.absolute(path)
        let parent = (absolute as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw RunStoreError.system(path: parent, operation: "create the folder", code: EIO)
        }
        let number = Self.counter.add(1, ordering: .relaxed).newValue
        let temporary = parent + "/.\((absolute as NSString).lastPathComponent).weir-link-\(getpid())-\(number)"
        unlink(temporary)
        guard symlink(target(for: runID), temporary) == 0 else {
            throw RunStoreError.system(path: temporary, operation: "create the link", code: errno)
        }
        guard rename(temporary, absolute) == 0 else {
            let code = errno
            unlink(temporary)
            throw RunStoreError.system(path: absolute, operation: "replace the link", code: code)
        }
        try FileSync.sync(parent)
    }
}
