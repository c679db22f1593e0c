import Foundation

/// A Weir project opened for use from Swift: its pipeline, status, runs and versions.
///
/// ```swift
/// let project = try Project(at: "/path/to/project")
/// for plan in try project.status() { print(plan.line) }
/// let report = try project.run(RunOptions())
/// ```
/// Commands that change state (``run(_:onEvent:)``, ``checkout(_:)``, ``collectGarbage(dryRun:)``)
/// expect the caller to hold the project lock, as the `weir` command does.
public struct Project: Sendable {
    public let location: ProjectLocation
    public let pipeline: Pipeline

    /// Opens the project whose `weir.yaml` is in `path` or the nearest folder above it, and parses it.
    ///
    /// - Throws: ``ProjectNotFoundError``, or ``ConfigError`` for an invalid `weir.yaml`.
    public init(at path: String) throws {
        try self.init(location: ProjectLocation.find(from: path))
    }

    /// Opens the project at `location` and parses its `weir.yaml`.
    public init(location: ProjectLocation) throws {
        self.location = location
        self.pipeline = try PipelineParser.load(location)
    }

    var runs: RunStore { RunStore(project: location) }

    /// What `weir run` would do with every stage, and why. Never waits for a running command.
    ///
    /// - Parameter overrides: param values instead of those in `weir.yaml`, as `weir run` would get them.
    public func status(overrides: ParamOverrides = ParamOverrides()) throws -> [StagePlan] {
        try plan(try overrides.applied(to: pipeline), selection: nil, forced: [])
    }

    /// What `weir run` with `options` would do with each stage it selects (`--dry-run`).
    public func plan(_ options: RunOptions) throws -> [StagePlan] {
        let pipeline = try options.overrides.applied(to: pipeline)
        let selection = try StageSelection(options, pipeline: pipeline)
        return try plan(pipeline, selection: selection.selected, forced: selection.forced)
    }

    /// `--set` and `--params` checked against this project's pipeline (see ``ParamOverrides``).
    public func overrides(set assignments: [String], paramsFile: String?) throws -> ParamOverrides {
        try ParamOverrides(set: assignments, paramsFile: paramsFile, pipeline: pipeline, projectRoot: location.root)
    }

    private func plan(_ pipeline: Pipeline, selection: Set<String>?, forced: Set<String>) throws -> [StagePlan] {
        let store = try StateStore.openReadOnly(location)
        let cache = try StatCache(store: store)
        let stages =
            selection.map { selected in pipeline.stages.filter { selected.contains($0.name) } } ?? pipeline.stages
        let inputs = try InputHashes.compute(for: stages, project: location, cache: cache)
        let planner = StatusPlanner(
            project: location, runs: runs, inputs: inputs, references: try ReferenceRuns(runs: runs, store: store),
            cache: cache)
        let plans = try planner.plan(pipeline, selected: selection, forced: forced)
        if let store {
            // Best effort: a failure to remember hashes only makes the next status slower.
            try? cache.save(to: store)
        }
        return plans
    }

    /// Runs the pipeline as `options` say and records the result as a version.
    ///
    /// - Parameter onEvent: called on the calling thread as stages start and finish.
    /// - Returns: what happened to each selected stage; check ``RunReport/succeeded``.
    public func run(_ options: RunOptions, onEvent: @escaping @Sendable (RunEvent) -> Void = { _ in }) throws
        -> RunReport
    {
        if options.dryRun {
            let plans = try plan(options)
            return RunReport(session: nil, plans: plans, results: [], version: nil, unchangedHead: nil, dryRun: true)
        }
        let pipeline = try options.overrides.applied(to: pipeline)
        let store = try StateStore.open(location)
        return try PipelineRunner(
            project: location, pipeline: pipeline, store: store, options: options, onEvent: onEvent
        )
        .run()
    }
}
