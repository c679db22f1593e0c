import ArgumentParser
import Foundation
import Weir
import WeirColumns

/// `weir dataset verify`: check the part files, orphans, the manifest history and the sources.
struct DatasetVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a dataset against its manifest and report every problem.",
        discussion: """
            Checks that every staged file's part exists and holds the rows the manifest says, that no \
            run_id= folder is missing from the manifest, and that the current manifest equals the newest \
            history snapshot. With --sources, also re-hashes every source file. Exits with status 1 when \
            anything is wrong.
            """
    )

    @OptionGroup var options: DatasetOptions

    @Option(help: ArgumentHelp("Re-hash the source files in this folder against the manifest.", valueName: "folder"))
    var sources: String?

    func run() throws {
        let verification: DatasetVerification
        let dataset: Dataset
        do {
            dataset = try options.open()
            verification = try dataset.verify(sources: sources)
        } catch {
            throw CommandFailure.wrapping(error)
        }
        if options.json {
            let problems: [JSONValue] = verification.problems.map {
                ["kind": .string($0.kind.rawValue), "path": .string($0.path), "message": .string($0.message)]
            }
            let object: JSONValue = [
                "ok": .bool(verification.isValid), "parts": .int(Int64(verification.parts)),
                "sources": .int(Int64(verification.sources)), "problems": .array(problems),
            ]
            StandardOutput.write(try object.canonicalString() + "\n")
        } else {
            var lines: [String] = []
            for problem in verification.problems { lines.append(problem.kind.rawValue + ": " + problem.message) }
            var checked = "checked \(verification.parts) part files"
            if sources != nil { checked += " and \(verification.sources) source files" }
            lines.append(checked + ": " + (verification.isValid ? "ok" : "\(verification.problems.count) problems"))
            StandardOutput.write(lines.joined(separator: "\n") + "\n")
        }
        if !verification.isValid {
            let count = verification.problems.count
            throw CommandFailure(
                description:
                    "The dataset '\(dataset.displayPath)' has \(count) \(count == 1 ? "problem" : "problems"). "
                    + "Fix them as each message says, then run 'weir dataset verify' again.",
                exitStatus: 1)
        }
    }
}
