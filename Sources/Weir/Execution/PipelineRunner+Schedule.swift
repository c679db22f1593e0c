import Foundation

extension PipelineRunner {
    private typealias Completion = (stage: String, plan: StagePlan, result: StageJob.Result)

    /// Runs the selected stages as their upstream stages finish, up to `jobs` commands at once.
    ///
    /// A stage in `speculative` already runs: when it must run its work is committed, otherwise it
    /// is abandoned. Every speculative run is committed or abandoned by the time this returns.
    func schedule(
        _ selection: StageSelection, planner: StatusPlanner, speculative: inout [String: SpeculativeRun]
    ) throws -> [StageResult] {
        defer {
            for run in speculative.values { run.abandon() }
            speculative = [:]
        }
        var scheduler = StageScheduler(pipeline: pipeline, selected: selection.selected)
        var results: [String: StageResult] = [:]
        var outputs: [String: StatusPlanner.Upstream] = [:]
        let completions = CompletionQueue<Completion>()
        var running = 0

        var failure: (any Error)?
        while !scheduler.isFinished {
            while failure == nil, running < max(1, options.jobs), !Interruption.shared.isInterrupted,
                let name = scheduler.next()
            {
                let stage = pipeline.stage(named: name)!
                let decision: Decision
                do {
                    decision = try decide(stage, selection: selection, planner: planner, outputs: outputs)
                } catch {
                    // Let the commands already running finish and commit before reporting.
                    failure = error
                    break
                }
                switch decision {
                case .done(let result, let output):
                    if let run = speculative.removeValue(forKey: name) {
                        run.abandon()
                        event(
                            .info, stage: name, kind: "early-start-dropped",
                            "Started '\(name)' while its input was hashed; the input's content had not changed, so that work was dropped."
                        )
                    }
                    results[name] = result
                    if let output { outputs[name] = output }
                    scheduler.finish(name, succeeded: result.succeeded)
                    reportStages(results.count, of: selection.selected.count)
                    onEvent(.finished(result))
                case .launch(let planned, let plan):
                    var job = planned
                    job.progress = progress
                    let ready = job
                    running += 1
                    onEvent(.started(plan))
                    recordStart(ready, plan: plan)
                    if let run = speculative.removeValue(forKey: name) {
                        Thread { completions.push((name, plan, run.commit(as: ready))) }.start()
                    } else {
                        Thread { completions.push((name, plan, ready.execute())) }.start()
                    }
                }
            }
            if scheduler.isFinished || running == 0 { break }
            let completion = completions.pop()
            running -= 1
            let (result, output) = finish(completion)
            results[completion.stage] = result
            if let output { outputs[completion.stage] = output }
            scheduler.finish(completion.stage, succeeded: result.succeeded)
            reportStages(results.count, of: selection.selected.count)
            onEvent(.finished(result))
        }
        if let failure { throw failure }

        for name in pipeline.stageNames where scheduler.states[name] == .waiting {
            let plan = StagePlan(stage: name, state: .willRun, reasons: [])
            results[name] = StageResult(stage: name, plan: plan, outcome: .cancelled)
            onEvent(.finished(results[name]!))
        }
        for name in pipeline.stageNames {
            guard case .skipped(let upstream)? = scheduler.states[name] else { continue }
            let plan = StagePlan(stage: name, state: .willRun, reasons: [.upstreamChanged(stage: upstream)])
            results[name] = StageResult(stage: name, plan: plan, outcome: .skipped(upstream: upstream))
            event(
                .warning, stage: name, kind: "stage-skipped", "Skipped '\(name)' because '\(upstream)' did not succeed."
            )
            onEvent(.finished(results[name]!))
        }
        return pipeline.stageNames.compactMap { results[$0] }
    }

    /// The session's own progress: stages finished (run, reused or failed) of the stages selected.
    private func reportStages(_ finished: Int, of selected: Int) {
        progress?.update(stage: nil, done: Int64(finished), total: Int64(selected), unit: "stages")
    }

    private enum Decision {
        case done(StageResult, StatusPlanner.Upstream?)
        case launch(StageJob, StagePlan)
    }

    /// Fingerprints a ready stage now that its upstream outputs are known, and links or schedules it.
    private func decide(
        _ stage: StageDefinition, selection: StageSelection, planner: StatusPlanner,
        outputs: [String: StatusPlanner.Upstream]
    ) throws -> Decision {
        var upstream: [String: StatusPlanner.Upstream] = [:]
        var depPaths: [String: String] = [:]
        for dep in stage.deps {
            switch dep.target {
            case .path(let path):
                depPaths[dep.name] = path
            case .stage(let name):
                let value = outputs[name] ?? planner.current(pipeline.stage(named: name)!)
                guard case .known(let run, _) = value else {
                    let message =
                        "Stage '\(stage.name)' needs the output of stage '\(name)', which has no committed run. Run 'weir run \(name)' first, or leave out '--only'."
                    let plan = StagePlan(stage: stage.name, state: .willRun, reasons: [.upstreamChanged(stage: name)])
                    event(.error, stage: stage.name, kind: "stage-failed", message)
                    return .done(
                        StageResult(stage: stage.name, plan: plan, outcome: .failed(status: 1, message: message)), nil)
                }
                upstream[name] = value
                depPaths[dep.name] = ".weir/runs/\(run)/out"
            }
        }
        let plan = try planner.evaluate(stage, upstream: upstream, forced: selection.forced.contains(stage.name))
        guard let fingerprint = plan.fingerprint else {
            throw RunOptionsError(message: "Stage '\(stage.name)' could not be fingerprinted.")
        }
        switch plan.state {
        case .willRun:
            var runnable = stage
            if let executor = options.executor, stage.kind == .command || stage.kind == .ingest {
                runnable.execution.executor = executor
            }
            var job = StageJob(
                stage: runnable, fingerprint: fingerprint, depPaths: depPaths, project: project, runs: runs,
                showOutput: options.showOutput, replacing: selection.forced.contains(stage.name), session: session)
            if stage.kind == .ingest, case .known(let previous, _) = planner.current(stage) {
                job.previousRun = previous
            }
            return .launch(job, plan)
        case .upToDate, .willReuse:
            let run = fingerprint.runID
            if plan.state == .willReuse {
                do {
                    try OutputLink(project: project, path: stage.out).point(to: run, stage: stage.name)
                } catch {
                    event(.error, stage: stage.name, kind: "stage-failed", error.description)
                    return .done(
                        StageResult(
                            stage: stage.name, plan: plan, outcome: .failed(status: 1, message: error.description)), nil
                    )
                }
            }
            try recordReuse(stage: stage.name, run: run, plan: plan)
            let outcome: StageResult.Outcome = plan.state == .upToDate ? .upToDate(run: run) : .reused(run: run)
            let hash = planner.outputHash(run) ?? ""
            return .done(
                StageResult(stage: stage.name, plan: plan, outcome: outcome), .known(runID: run, outputHash: hash))
        }
    }
}
