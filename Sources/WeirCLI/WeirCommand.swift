import ArgumentParser
import Weir

@main
struct WeirCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weir",
        abstract: "An incremental, reproducible data-pipeline engine for file-based research data.",
        version: WeirVersion.current,
        subcommands: [
            // Keep one subcommand per line: areas add theirs independently.
        ]
    )
}
