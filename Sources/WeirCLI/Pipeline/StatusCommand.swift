import ArgumentParser
import Foundation
import Weir

/// `weir status`: what `weir run` would do with each stage, and why.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show for every stage whether it is up to date, will reuse a run, or will run, and why.")

    @OptionGroup var project: ProjectOptions

    @OptionGroup var overrides: OverrideOptions

    @Flag(help: "Print a JSON array with one object per stage.")
    var json = false

    func run() throws {
        let project = try Project(location: project.locate())
        let plans = try project.status(overrides: overrides.overrides(for: project))
        PlanPrinter.print(plans, json: json)
    }
}

/// Prints stage plans as lines or as the JSON array of SPEC §10.
enum PlanPrinter {
    static func print(_ plans: [StagePlan], json: Bool) {
        if json {
            Console.shared.write(JSONValue.array(plans.map(\.json)).prettyString())
        } else {
            for plan in plans { Console.shared.line(plan.line) }
        }
    }
}
