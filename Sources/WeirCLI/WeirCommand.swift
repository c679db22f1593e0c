import ArgumentParser
import Foundation
import Weir

@main
struct WeirCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weir",
        abstract: "An incremental, reproducible data-pipeline engine for file-based research data.",
        version: WeirVersion.current,
        subcommands: [
            // Keep one subcommand per line: areas add theirs independently.
            InitCommand.self,
            RunCommand.self,
            StatusCommand.self,
            DagCommand.self,
            CheckoutCommand.self,
            GCCommand.self,
            VerifyCommand.self,
            VersionsCommand.self,
            ShowCommand.self,
            DiffCommand.self,
            CompareCommand.self,
            LogCommand.self,
            EventsCommand.self,
            MetricsCommand.self,
            WatchCommand.self,
            LogsCommand.self,
            QualityCommand.self,
            ServeCommand.self,
            SampleDataCommand.self,
            ParquetCommand.self,
            ConvertCommand.self,
            QueryCommand.self,
            DatasetCommand.self,
            IngestShardCommand.self,
        ]
    )

    /// Runs the command line, mapping failures to the documented exit statuses: 1 when a stage or
    /// command failed, 2 for usage and configuration errors.
    static func main() async {
        AllocatorTuning.apply()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            StateStore.closeConnections()
        } catch let error as UserFacingError {
            StateStore.closeConnections()
            FileHandle.standardError.write(Data(("error: " + error.description + "\n").utf8))
            Foundation.exit(error.exitStatus)
        } catch {
            StateStore.closeConnections()
            let code = exitCode(for: error)
            if code == .success || code.rawValue == 1 {
                exit(withError: error)
            }
            // Argument parsing reports usage errors as 64 (EX_USAGE); Weir's contract says 2.
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
