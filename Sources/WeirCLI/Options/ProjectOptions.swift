import ArgumentParser
import Foundation
import Weir

/// The `--project` option every project command takes.
struct ProjectOptions: ParsableArguments {
    @Option(
        name: [.customShort("C"), .customLong("project")],
        help: ArgumentHelp("The project folder (default: the nearest folder upwards with a weir.yaml).", valueName: "folder")
    )
    var project: String?

    func locate() throws -> ProjectLocation {
        if let project {
            let location = ProjectLocation(root: project)
            guard FileManager.default.fileExists(atPath: location.configPath) else {
                throw ProjectNotFoundError(directory: location.root)
            }
            return location
        }
        return try ProjectLocation.find(from: FileManager.default.currentDirectoryPath)
    }
}
