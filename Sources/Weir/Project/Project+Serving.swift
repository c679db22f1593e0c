import Foundation

extension Project {
    /// What `weir run` would do with every stage, and why, read through `store` without writing to it.
    ///
    /// The same plans as ``status()`` (so `weir serve`'s `/api/status` is `weir status --json`), except
    /// that the hashes learnt on the way are not saved in the stat cache: the caller's store may be
    /// read-only.
    ///
    /// - Parameter store: The project's store, or nil when the project has none yet.
    public func status(readingFrom store: StateStore?) throws -> [StagePlan] {
        let cache = try StatCache(store: store)
        let inputs = try InputHashes.compute(for: pipeline.stages, project: location, cache: cache)
        let planner = StatusPlanner(
            project: location, runs: runs, inputs: inputs, references: try ReferenceRuns(runs: runs, store: store),
            cache: cache)
        return try planner.plan(pipeline, selected: nil, forced: [])
    }
}
