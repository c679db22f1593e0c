import Foundation

extension PipelineRunner {
    /// Starts the selected built-in transforms that can start at once (path deps only) and whose
    /// inputs changed, up to `--jobs` of them, before the inputs are hashed (see ``SpeculativeRun``).
    func startSpeculativeRuns(
        _ stages: [StageDefinition], selection: StageSelection, cache: StatCache
    ) -> [String: SpeculativeRun] {
        guard !Interruption.shared.isInterrupted else { return [:] }
        var started: [String: SpeculativeRun] = [:]
        for stage in stages where started.count < max(1, options.jobs) {
            // Worth starting only with path deps alone, so it is also ready at once.
            guard SpeculativeRun.isWorthStarting(stage, project: project, cache: cache),
                let provisional = SpeculativeRun.provisionalFingerprint(stage: stage.name)
            else { continue }
            var depPaths: [String: String] = [:]
            for dep in stage.deps { depPaths[dep.name] = dep.path }
            var job = StageJob(
                stage: stage, fingerprint: provisional, depPaths: depPaths, project: project, runs: runs,
                showOutput: options.showOutput, replacing: selection.forced.contains(stage.name), session: session)
            job.progress = progress
            started[stage.name] = SpeculativeRun.start(job)
        }
        if !started.isEmpty { PhaseTrace.mark("speculative runs started: \(started.keys.sorted())") }
        return started
    }
}
