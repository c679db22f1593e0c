import ArgumentParser
import Foundation
import Weir

/// `weir run`: runs the stages whose fingerprint has no committed run, reuses the others.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the pipeline: only the stages whose command, params or inputs changed.",
        discussion: """
            With stage names, runs those stages and whatever they depend on. Independent stages run in \
            parallel. When a stage fails, the stages downstream of it are skipped and the others go on. \
            With --set or --params, params take other values for this run only; the version records them.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "Stages to bring up to date (with their upstream stages); all by default.")
    var stages: [String] = []

    @Option(
        parsing: .upToNextOption,
        help: "Run these stages even if a committed run matches (an ingest stage stages every file again).")
    var force: [String] = []

    @Flag(help: "Run every selected stage, ignoring committed runs.")
    var forceAll = false

    @Option(help: "Run only this stage, with the current output of its upstream stages (repeatable).")
    var only: [String] = []

    @Flag(help: "Also run every stage downstream of the given stages, and none upstream of them.")
    var downstream = false

    @Option(help: "Start from this version's runs and record a version derived from it.")
    var fromVersion: VersionArgument?

    @Flag(help: "Show what would run and why, without running anything.")
    var dryRun = false

    @OptionGroup var overrides: OverrideOptions

    @Option(help: "How many stages may run at once (default: the number of cores).")
    var jobs: Int?

    @Option(
        help: ArgumentHelp(
            "Run every command and ingest stage with this executor ('local' or 'slurm'), whatever weir.yaml says.",
            discussion: "With 'local', an ingest stage's 'shards' are ignored."))
    var executor: ExecutorKind?

    @OptionGroup var lock: LockOptions

    @Flag(help: "Print the outcome as JSON; stage output goes to standard error.")
    var json = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("'--jobs' must be at least 1.") }
    }

    func run() throws {
        let location = try project.locate()
        let project = try Project(location: location)
        var options = RunOptions()
        options.targets = stages
        options.force = force
        options.forceAll = forceAll
        options.only = only
        options.downstream = downstream
        options.fromVersion = fromVersion?.id
        options.dryRun = dryRun
        options.overrides = try overrides.overrides(for: project)
        if let jobs { options.jobs = jobs }
        options.executor = executor
        options.commandLine = ["weir"] + Array(CommandLine.arguments.dropFirst())

        if dryRun {
            PlanPrinter.print(try project.plan(options), json: json)
            return
        }
        Console.shared.redirectOutputToError(json)
        let held = try lock.acquire(location, command: "weir run")
        defer { held.release() }
        Interruption.shared.install()
        let report = try project.run(options) { event in RunPrinter.show(event) }
        Console.shared.redirectOutputToError(false)
        RunPrinter.summarize(report, json: json)
        let failed = report.results.filter { !$0.succeeded }
        if !failed.isEmpty { throw RunFailedError(results: failed) }
    }
}

/// One or more stages did not succeed.
struct RunFailedError: UserFacingError {
    let results: [StageResult]
    var exitStatus: Int32 { 1 }
    var description: String {
        let names = results.map { "'\($0.stage)'" }.joined(separator: ", ")
        return
            "\(results.count == 1 ? "Stage" : "Stages") \(names) did not succeed, so no version was recorded. Fix the failure shown above and run 'weir run' again."
    }
}

extension ExecutorKind: ExpressibleByArgument {}
