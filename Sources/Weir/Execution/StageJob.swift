import Foundation

/// One stage command to execute and commit, self-contained so it can run on a worker thread.
package struct StageJob: Sendable {
    package let stage: StageDefinition
    /// Provisional while a speculative transform runs (see ``SpeculativeRun``); the stage's real
    /// fingerprint by the time the run is committed.
    package var fingerprint: StageFingerprint
    /// Project-relative output folder of each stage dep's run, by dep name; path deps as written.
    package let depPaths: [String: String]
    package let project: ProjectLocation
    package let runs: RunStore
    package let showOutput: Bool
    package let replacing: Bool
    /// The session the run belongs to (recorded in dataset manifests).
    package var session: String = ""
    /// For an ingest stage: the run its output links to now, whose dataset the new run starts from.
    package var previousRun: String?
    /// Where the stage reports how far it has got.
    package var progress: ProgressReporter?
    /// Set for a speculative transform, which stops early once it is known not to be needed.
    package var cancellation: StageCancellation?

    package enum Result: Sendable {
        case committed(SuccessRecord, RunStore.CommitOutcome, ChildResult)
        /// The command exited non-zero or was killed; nothing was committed.
        case commandFailed(ChildResult)
        /// Weir itself could not start, record or commit the run.
        case error(String)
    }

    /// Runs the command in a temporary run folder and commits it when it succeeds.
    package func execute() -> Result {
        defer { progress?.finish(stage: stage.name) }
        let startedAt = Date()
        let pending: PendingRun
        do {
            pending = try runs.begin(fingerprint.runID)
        } catch {
            return .error(error.description)
        }
        do {
            if stage.kind == .ingest {
                let child: ChildResult
                let known: [String: StatCacheEntry]
                do {
                    (child, known) = try runIngest(into: pending)
                } catch {
                    // A sharded batch keeps its tasks' logs, as a failed command keeps its output.
                    if stage.execution.executor == .slurm {
                        runs.discardKeepingLogs(pending, stage: stage.name)
                    } else {
                        runs.discard(pending)
                    }
                    return .error("Stage '\(stage.name)' could not stage its files: \(error)")
                }
                return try commit(pending, child: child, startedAt: startedAt, known: known)
            }
            if stage.kind.isBuiltInTransform {
                return commitPrepared(transform(in: pending, startedAt: startedAt))
            }
            let paramsFile = pending.path + "/_params.json"
            try FileSync.writeDurably(ParamHandoff.paramsJSON(stage.params), to: paramsFile)
            let relativeOut = relative(pending.outputFolder)
            let command =
                (try? CommandTemplate.parse(stage.command).get())?
                .render(out: relativeOut, deps: depPaths, params: stage.params) ?? stage.command
            let environment = ParamHandoff.environment(
                stage: stage, runID: fingerprint.runID, project: project, outputFolder: pending.outputFolder,
                paramsFile: paramsFile)
            progress?.beginCommand(stage: stage.name)
            let relay = try StageOutputRelay(
                stage: stage.name, logsFolder: pending.logsFolder, console: .shared, showLive: showOutput,
                progress: progress)
            let child =
                stage.execution.executor == .slurm
                ? try runOnSlurm(command, environment: environment, pending: pending, relay: relay)
                : try ChildProcess.run(command, in: project.root, environment: environment, relay: relay)
            guard child.succeeded else {
                runs.discardKeepingLogs(pending, stage: stage.name)
                return .commandFailed(child)
            }
            do {
                try collectMetrics(into: pending)
            } catch let error as MetricsFileError {
                runs.discardKeepingLogs(pending, stage: stage.name)
                return .error(error.description)
            }
            return try commit(pending, child: child, startedAt: startedAt)
        } catch {
            runs.discard(pending)
            return .error("\(error)")
        }
    }

    /// Hashes the output folder, writes `_SUCCESS` and moves the run into place.
    ///
    /// - Parameter known: content hashes of output files known without reading them, by path
    ///   relative to the output folder; a file whose status no longer matches is read.
    func commit(
        _ pending: PendingRun, child: ChildResult, startedAt: Date, known: [String: StatCacheEntry] = [:]
    ) throws -> Result {
        do {
            let hasher = TreeHasher(cache: known.isEmpty ? nil : StatCache(entries: known))
            let manifest: (hash: String, leaves: [TreeHasher.Leaf])
            do {
                manifest = try hasher.manifest(ofFolder: pending.outputFolder)
            } catch {
                throw RunStoreError.hashing(error)
            }
            PhaseTrace.mark("commit: tree hashed")
            let record = SuccessRecord(
                runID: fingerprint.runID, stage: stage.name, fingerprint: fingerprint.document,
                outputHash: manifest.hash,
                files: manifest.leaves.map {
                    SuccessRecord.OutputFile(path: $0.path, size: $0.size, sha256: $0.sha256, link: $0.linkTarget)
                },
                startedAt: startedAt, finishedAt: Date(), wallSeconds: child.wallSeconds, cpuSeconds: child.cpuSeconds,
                peakMemoryBytes: child.peakMemoryBytes)
            let outcome = try runs.commit(
                pending, record: record, replacing: replacing, filesAreDurable: stage.kind == .ingest)
            PhaseTrace.mark("commit: committed")
            let committed = outcome == .alreadyPresent ? ((try? runs.record(fingerprint.runID)) ?? record) : record
            return .committed(committed, outcome, child)
        } catch {
            runs.discard(pending)
            return .error("\(error)")
        }
    }

    private func relative(_ absolute: String) -> String {
        absolute.hasPrefix(project.root + "/") ? String(absolute.dropFirst(project.root.count + 1)) : absolute
    }
}
