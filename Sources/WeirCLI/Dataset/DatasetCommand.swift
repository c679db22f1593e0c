import ArgumentParser
import Foundation
import Weir
import WeirColumns

/// `weir dataset`: look at a dataset through its manifest.
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "List, describe, trace and verify a dataset through its manifest.",
        subcommands: [
            // Keep one subcommand per line.
            DatasetListCommand.self,
            DatasetShowCommand.self,
            DatasetVersionsCommand.self,
            DatasetVerifyCommand.self,
        ]
    )
}

/// The arguments every `weir dataset` command takes.
struct DatasetOptions: ParsableArguments {
    @Argument(help: "A dataset folder, or a stage whose output is a dataset.")
    var dataset: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var project: ProjectOptions

    func open() throws -> Dataset {
        try DatasetArgument(text: dataset, project: project).dataset()
    }
}
