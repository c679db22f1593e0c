import ArgumentParser
import Foundation
import Weir

/// `weir checkout V`: links every stage output to version V's runs and makes V the head.
struct CheckoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkout", abstract: "Point every stage's output at a version's runs and make it the head.")

    @OptionGroup var project: ProjectOptions

    @Argument(help: ArgumentHelp("The version to check out, e.g. v3.", valueName: "version"))
    var version: VersionArgument

    @OptionGroup var lock: LockOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let location = try project.locate()
        let project = try Project(location: location)
        let held = try lock.acquire(location, command: "weir checkout")
        defer { held.release() }
        let report = try project.checkout(version.id)
        if json {
            let document: JSONValue = [
                "version": .int(report.version.id),
                "stages": .object(report.linked.mapValues(JSONValue.string)),
                "not_in_version": .array(report.notInVersion.map(JSONValue.string)),
            ]
            Console.shared.write(document.prettyString())
            return
        }
        for stage in project.pipeline.stageNames {
            if let run = report.linked[stage] {
                Console.shared.line("\(stage): run \(run.prefix(12))")
            } else {
                Console.shared.line("\(stage): not in \(report.version.name); its output was left as it was")
            }
        }
        Console.shared.line("Checked out \(report.version.name); it is now the head.")
    }
}
