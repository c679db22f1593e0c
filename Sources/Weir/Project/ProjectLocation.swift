import Foundation

/// Where a project's files live: the folder holding `weir.yaml` and its `.weir/` state folder.
public struct ProjectLocation: Sendable, Hashable {
    /// The project folder, absolute and standardized.
    public let root: String

    public init(root: String) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
    }

    public var configPath: String { root + "/weir.yaml" }
    public var stateDirectory: String { root + "/.weir" }
    public var stateDatabasePath: String { stateDirectory + "/state.sqlite" }
    public var runsDirectory: String { stateDirectory + "/runs" }
    public var lockPath: String { stateDirectory + "/lock" }

    /// The absolute path of a project-relative path.
    public func absolute(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : root + "/" + relative
    }

    /// Finds the project whose `weir.yaml` is in `directory` or the nearest parent folder.
    ///
    /// - Throws: ``ProjectNotFoundError`` when no folder up to `/` has a `weir.yaml`.
    public static func find(from directory: String) throws -> ProjectLocation {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("weir.yaml").path) {
                return ProjectLocation(root: url.path)
            }
            if url.path == "/" { throw ProjectNotFoundError(directory: directory) }
            url.deleteLastPathComponent()
        }
    }
}

/// No `weir.yaml` was found from a folder upwards.
public struct ProjectNotFoundError: UserFacingError {
    public let directory: String
    public init(directory: String) { self.directory = directory }
    public var exitStatus: Int32 { 2 }
    public var description: String {
        "No 'weir.yaml' found in '\(directory)' or any parent folder. Run 'weir init' to create one, or pass '--project <folder>'."
    }
}
