import ArgumentParser
import Foundation
import Weir

/// `weir verify`: re-hashes committed runs against their `_SUCCESS` records.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-hash the head version's runs (or all runs) and report every mismatch with its record.")

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Check every committed run, not only the head version's.")
    var all = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let report = try Project(location: project.locate()).verify(all: all)
        if json {
            let document: JSONValue = [
                "ok": .bool(report.ok),
                "runs_checked": .int(Int64(report.runsChecked)),
                "files_checked": .int(Int64(report.filesChecked)),
                "problems": .array(
                    report.problems.map { problem in
                        [
                            "run": problem.run.map(JSONValue.string) ?? .null,
                            "stage": problem.stage.map(JSONValue.string) ?? .null,
                            "path": problem.path.map(JSONValue.string) ?? .null,
                            "message": .string(problem.message),
                        ]
                    }),
            ]
            Console.shared.write(document.prettyString())
        } else {
            for problem in report.problems {
                let run = problem.run.map { "run \($0.prefix(12))" } ?? "output"
                Console.shared.line("\(problem.stage ?? "?") (\(run)): \(problem.message)")
            }
            if report.ok {
                Console.shared.line(
                    "Verified \(report.runsChecked) run(s), \(report.filesChecked) file(s): all match their records.")
            }
        }
        if !report.ok { throw VerifyFailedError(count: report.problems.count) }
    }
}

struct VerifyFailedError: UserFacingError {
    let count: Int
    var exitStatus: Int32 { 1 }
    var description: String {
        "\(count) problem(s) found. Re-run the stage of a damaged run with 'weir run --force STAGE', or delete the run's folder and let 'weir run' make it again."
    }
}
