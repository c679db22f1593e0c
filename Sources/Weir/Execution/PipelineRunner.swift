import Foundation

/// Runs a pipeline: decides each stage when its upstream stages are done, runs the ones that must
/// run in parallel, commits and links their outputs, records runs, metrics, events and a version.
package final class PipelineRunner {
    let project: ProjectLocation
    let pipeline: Pipeline
    let store: StateStore
    let runs: RunStore
    let options: RunOptions
    let onEvent: @Sendable (RunEvent) -> Void
    let writer: StoreWriter
    var session = ""
    /// The session's progress, recorded a few times a second; set once the session has begun.
    var progress: ProgressReporter?

    package init(
        project: ProjectLocation, pipeline: Pipeline, store: StateStore, options: RunOptions,
        onEvent: @escaping @Sendable (RunEvent) -> Void
    ) {
        self.project = project
        self.pipeline = pipeline
        self.store = store
        self.runs = RunStore(project: project)
        self.options = options
        self.onEvent = onEvent
        self.writer = StoreWriter(store: store)
    }

    package func run() throws -> RunReport {
        let selection = try StageSelection(options, pipeline: pipeline)
        session = try store.beginSession(command: "run", arguments: Array(options.commandLine.dropFirst(2))).id
        let progress = ProgressReporter(session: session, writer: writer)
        self.progress = progress
        defer { progress.close() }
        do {
            let report = try execute(selection)
            if Interruption.shared.isInterrupted {
                try store.endSession(session, status: .interrupted, summary: "interrupted")
                throw RunInterruptedError()
            }
            let failed = report.results.filter { !$0.succeeded }.map(\.stage)
            let summary =
                failed.isEmpty
                ? "\(report.results.count) stages done" + (report.version.map { ", recorded \($0.name)" } ?? "")
                : "failed: " + failed.joined(separator: ", ")
            try store.endSession(session, status: failed.isEmpty ? .succeeded : .failed, summary: summary)
            return report
        } catch let error as RunInterruptedError {
            throw error
        } catch {
            writer.drain()
            try? store.endSession(session, status: .failed, summary: "\(error)")
            throw error
        }
    }

    private func execute(_ selection: StageSelection) throws -> RunReport {
        let usesSlurm =
            options.executor == .slurm
            || (options.executor == nil && pipeline.stages.contains { $0.execution.executor == .slurm })
        let cancelled = SlurmLeftovers.cancel(project: project, runs: runs, searchQueue: usesSlurm)
        if !cancelled.isEmpty {
            Console.shared.line(
                "weir: cancelled Slurm job(s) \(cancelled.joined(separator: ", ")) left by an interrupted run.",
                to: .error)
            event(
                .warning, stage: nil, kind: "slurm-jobs-cancelled",
                "Cancelled Slurm job(s) \(cancelled.joined(separator: ", ")) left by an interrupted run; "
                    + "their stages run again.",
                fields: ["jobs": .array(cancelled.map { .string($0) })])
        }
        let removed = runs.removeLeftovers()
        if removed > 0 {
            event(
                .info, stage: nil, kind: "leftovers-removed",
                "Removed \(removed) unfinished run folder(s) left by an interrupted run.")
        }
        let base = try baseVersion()
        if let base, options.fromVersion != nil { try checkOut(base) }

        PhaseTrace.mark("execute start")
        let cache = try StatCache(store: store)
        let selectedStages = pipeline.stages.filter { selection.selected.contains($0.name) }
        var speculative = startSpeculativeRuns(selectedStages, selection: selection, cache: cache)
        let planner: StatusPlanner
        do {
            let inputs = try InputHashes.compute(
                for: selectedStages, project: project, cache: cache, listing: InputListing(project: project))
            PhaseTrace.mark("inputs hashed")
            try cache.save(to: store)
            PhaseTrace.mark("cache saved")
            planner = StatusPlanner(
                project: project, runs: runs, inputs: inputs, references: try ReferenceRuns(runs: runs, store: store),
                cache: cache)
        } catch {
            for run in speculative.values { run.abandon() }
            throw error
        }

        let results: [StageResult]
        do {
            results = try schedule(selection, planner: planner, speculative: &speculative)
            progress?.close()
            writer.drain()
        } catch {
            progress?.close()
            writer.drain()
            throw error
        }
        var report = RunReport(
            session: session, plans: results.map(\.plan), results: results, version: nil, unchangedHead: nil,
            dryRun: false)
        PhaseTrace.mark("scheduled")
        if report.succeeded && !Interruption.shared.isInterrupted { try recordVersion(base: base, into: &report) }
        writer.drain()
        return report
    }

    /// The version the run starts from: `--from-version V`, else the head.
    private func baseVersion() throws -> VersionRecord? {
        guard let id = options.fromVersion else { return try store.head() }
        guard let version = try store.version(id) else {
            throw RunOptionsError(message: "There is no version v\(id). Run 'weir versions' to list the versions.")
        }
        return version
    }

    /// Links every stage of `version` that the pipeline still has to that version's run.
    private func checkOut(_ version: VersionRecord) throws {
        for stage in pipeline.stages {
            guard let run = version.stages[stage.name] else { continue }
            guard runs.isCommitted(run) else { throw RunStoreError.runMissing(runID: run, stage: stage.name) }
            try OutputLink(project: project, path: stage.out).point(to: run, stage: stage.name)
        }
    }

    private func recordVersion(base: VersionRecord?, into report: inout RunReport) throws {
        var stages: [String: String] = [:]
        for stage in pipeline.stages {
            if let run = OutputLink(project: project, path: stage.out).currentRunID, runs.isCommitted(run) {
                stages[stage.name] = run
            }
        }
        let overrides = options.overrides.effective
        if let base, base.stages == stages, base.overrides == overrides {
            if options.fromVersion != nil { try store.setHead(base.id) }
            report.unchangedHead = base.id
            return
        }
        let version = try store.createVersion(
            parent: base?.id, command: options.commandLine.joined(separator: " "), session: session, stages: stages,
            note: nil, overrides: overrides)
        report.version = version
        let parent = base.map { " (parent v\($0.id))" } ?? ""
        let with = overrides.isEmpty ? "" : " with " + overrides.map(\.text).joined(separator: ", ")
        event(
            .info, stage: nil, kind: "version-created", "Recorded \(version.name)\(parent)\(with).",
            fields: ["version": .int(version.id), "overrides": overrides.json])
    }

    func event(_ level: EventLevel, stage: String?, kind: String, _ message: String, fields: JSONValue = [:]) {
        let record = EventRecord(
            session: session, level: level, stage: stage, kind: kind, message: message,
            fieldsJSON: (try? fields.canonicalString()) ?? "{}")
        writer.write { try $0.recordEvent(record) }
    }
}
