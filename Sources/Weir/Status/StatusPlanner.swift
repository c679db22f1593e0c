/// Decides, for each stage, whether it is up to date, will reuse a committed run, or will run, and why.
package struct StatusPlanner {
    /// What is known about an upstream stage's output when a consumer is evaluated.
    package enum Upstream: Sendable, Hashable {
        case known(runID: String, outputHash: String)
        /// The upstream stage will run first; its output is not known yet.
        case pending
    }

    let project: ProjectLocation
    let runs: RunStore
    let inputs: InputHashes
    let references: ReferenceRuns
    /// For naming the files that changed inside an input folder; nil names the folder only.
    let cache: StatCache?

    package init(
        project: ProjectLocation, runs: RunStore, inputs: InputHashes, references: ReferenceRuns,
        cache: StatCache? = nil
    ) {
        self.project = project
        self.runs = runs
        self.inputs = inputs
        self.references = references
        self.cache = cache
    }

    /// The plan of one stage given what is known of its upstream stages.
    package func evaluate(_ stage: StageDefinition, upstream: [String: Upstream], forced: Bool) throws -> StagePlan {
        var known: [String: String] = [:]
        var pending: Set<String> = []
        for (name, value) in upstream {
            switch value {
            case .known(_, let hash): known[name] = hash
            case .pending: pending.insert(name)
            }
        }
        let fingerprint: StageFingerprint
        do {
            fingerprint = try StageFingerprint(stage: stage, inputHashes: inputs.byPath, upstreamOutputs: known)
        } catch {
            throw ConfigError(
                .unhashableValue(param: error.path, problem: "'\(error.value)' is not a finite number"),
                at: stage.location)
        }
        let link = OutputLink(project: project, path: stage.out).state()
        var linkedRun: String?
        if case .run(let id) = link { linkedRun = id }
        let reference = try references.document(stage: stage.name, linkedRun: linkedRun)
        var reasons: [StageReason] = forced ? [.forced] : []
        if let reference {
            reasons += changedFiles(
                FingerprintDiff.reasons(from: reference, to: fingerprint.document, pendingUpstream: pending),
                stage: stage, reference: reference
            ).map { $0.withSource(from: stage.paramSources) }
        } else {
            reasons.append(.newStage)
        }

        guard pending.isEmpty else {
            return StagePlan(
                stage: stage.name, state: .willRun, reasons: reasons, run: nil, version: nil, fingerprint: nil)
        }
        let runID = fingerprint.runID
        let committed = runs.isCommitted(runID)
        if forced || !committed {
            if reasons.isEmpty { reasons.append(.missingOutput) }
            return StagePlan(
                stage: stage.name, state: .willRun, reasons: reasons, run: nil, version: nil, fingerprint: fingerprint)
        }
        let version = references.version(holding: runID, stage: stage.name)
        if linkedRun == runID {
            return StagePlan(
                stage: stage.name, state: .upToDate, reasons: [], run: runID, version: version, fingerprint: fingerprint
            )
        }
        if reasons.isEmpty || reference == nil { reasons = [.missingOutput] + reasons.filter { $0 != .newStage } }
        return StagePlan(
            stage: stage.name, state: .willReuse, reasons: reasons, run: runID, version: version,
            fingerprint: fingerprint)
    }

    /// At most this many changed files are named one by one; more are reported as their folder.
    static let namedFilesLimit = 10

    /// Replaces an input folder's `input-changed` reason by one per changed file, when the folder's
    /// listing at the reference run was kept and few files changed.
    private func changedFiles(_ reasons: [StageReason], stage: StageDefinition, reference: JSONValue) -> [StageReason] {
        guard let cache else { return reasons }
        let listing = InputListing(project: project)
        var result: [StageReason] = []
        for reason in reasons {
            guard case .inputChanged(let path) = reason,
                let dep = stage.deps.first(where: { $0.path == path }),
                reference["deps"]?[dep.name]?["path"]?.stringValue == path,
                let oldHash = reference["deps"]?[dep.name]?["hash"]?.stringValue,
                let old = listing.load(oldHash),
                let current = try? TreeHasher(cache: cache, followFileLinks: true).hash(
                    absolute: project.absolute(path), key: path, collect: true),
                !current.leaves.isEmpty || !old.isEmpty
            else {
                result.append(reason)
                continue
            }
            let files = Dictionary(current.leaves.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
            let changed = InputListing.changes(from: old, to: files)
            if changed.isEmpty || changed.count > Self.namedFilesLimit {
                result.append(reason)
            } else {
                result += changed.map { .inputChanged(path: path + "/" + $0) }
            }
        }
        return result
    }

    /// Plans every stage of `pipeline` in order, as `weir status` shows it.
    ///
    /// - Parameters:
    ///   - selected: the stages that would run; others keep the output they link to. `nil` selects all.
    ///   - forced: stages to run even when a committed run matches.
    package func plan(_ pipeline: Pipeline, selected: Set<String>? = nil, forced: Set<String> = []) throws
        -> [StagePlan]
    {
        var outcomes: [String: Upstream] = [:]
        var plans: [StagePlan] = []
        for stage in pipeline.stages {
            var upstream: [String: Upstream] = [:]
            for name in stage.upstreamStages { upstream[name] = outcomes[name] ?? .pending }
            if let selected, !selected.contains(stage.name) {
                outcomes[stage.name] = current(stage)
                continue
            }
            let plan = try evaluate(stage, upstream: upstream, forced: forced.contains(stage.name))
            plans.append(plan)
            if let run = plan.run, plan.state != .willRun, let hash = outputHash(run) {
                outcomes[stage.name] = .known(runID: run, outputHash: hash)
            } else {
                outcomes[stage.name] = .pending
            }
        }
        return plans
    }

    /// The output a stage links to now, when it is a committed run.
    package func current(_ stage: StageDefinition) -> Upstream {
        guard let run = OutputLink(project: project, path: stage.out).currentRunID, let hash = outputHash(run) else {
            return .pending
        }
        return .known(runID: run, outputHash: hash)
    }

    package func outputHash(_ run: String) -> String? {
        references.outputHash(run: run)
    }
}
