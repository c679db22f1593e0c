import ArgumentParser
import Foundation
import Weir

/// `weir init`: writes a starter `weir.yaml` and keeps `.weir/` out of git.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a starter weir.yaml in a folder (the current one by default).")

    @Argument(help: ArgumentHelp("The project folder to create the pipeline in.", valueName: "folder"))
    var folder: String?

    func run() throws {
        let root = URL(fileURLWithPath: folder ?? FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let location = ProjectLocation(root: root)
        try ProjectInitializer.create(location)
        Console.shared.line("Created \(location.configPath) with one example stage.")
        Console.shared.line("Next: 'weir status' shows what would run, 'weir run' runs it.")
    }
}
