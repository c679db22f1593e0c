import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One task of a sharded ingest (`weir _ingest-shard`), run by Slurm on any node: stages its share
/// of the plan's files into the run's temporary dataset folder and writes what became of each file
/// to `result-<task>.json`, which the coordinating `weir run` commits as one manifest snapshot.
///
/// It writes nothing else: no manifest, no state store, no lock. A task run twice (a retry) writes
/// the same part files again under the same names.
public enum IngestShardTask {
    /// Stages task `task`'s share of the plan at `planPath`.
    ///
    /// - Returns: a one-line summary for the task's log.
    public static func run(planPath: String, task: Int) throws -> String {
        guard let data = FileManager.default.contents(atPath: planPath) else {
            throw ShardFileError(message: "The shard plan '\(planPath)' cannot be read. Run 'weir run' again.")
        }
        let plan: ShardPlan
        do {
            plan = try JSONDecoder().decode(ShardPlan.self, from: data)
        } catch {
            throw ShardFileError(
                message: "The shard plan '\(planPath)' is not readable: \(error). Run 'weir run' again.")
        }
        guard task >= 0, task < plan.shards else {
            throw ShardFileError(message: "Task \(task) is outside the plan's \(plan.shards) shards.")
        }
        let project = ProjectLocation(root: plan.projectRoot)
        let pipeline = try PipelineParser.load(project)
        guard let stage = pipeline.stage(named: plan.stage), let spec = stage.ingest else {
            throw ShardFileError(
                message: "weir.yaml has no ingest stage '\(plan.stage)' any more; it changed while the run was "
                    + "under way. Run 'weir run' again.")
        }
        var configuration = try spec.configuration(
            project: project, output: plan.output, digest: Digest.sha256Hex(Array(stage.command.utf8)))
        guard configuration.configurationDigest == plan.configurationDigest else {
            throw ShardFileError(
                message: "The options of stage '\(plan.stage)' in weir.yaml changed while the run was under way. "
                    + "Run 'weir run' again.")
        }
        configuration.outputIsTemporary = true
        if let cpus = ProcessInfo.processInfo.environment["SLURM_CPUS_PER_TASK"].flatMap(Int.init), cpus > 0 {
            configuration.jobs = cpus
        }
        let runner = IngestRunner(configuration: configuration)
        var stager = FileStager(
            configuration: configuration, layout: runner.layout, session: plan.session, weirVersion: plan.weirVersion)
        stager.known = plan.known
        stager.settled = plan.settled
        let indices = plan.share(of: task)
        let work = try indices.map { try ShardPlan.decode(plan.work[$0]) }
        let context = IngestRunner.Context(session: plan.session, weirVersion: plan.weirVersion)
        let started = Date()
        let outcomes = runner.stageAll(work, stager: stager, context: context, now: plan.now)
        let result = ShardResult(
            task: task, outcomes: zip(indices, outcomes).map { ShardResult.encode($1, index: $0) })
        let folder = (planPath as NSString).deletingLastPathComponent
        // By temporary name and rename: a task killed while writing leaves no half a result.
        let path = Self.resultPath(folder: folder, task: task)
        try FileSync.writeDurably(Array(try JSONEncoder().encode(result)), to: path + ".tmp")
        guard rename(path + ".tmp", path) == 0 else {
            throw RunStoreError.system(path: path, operation: "rename the result into", code: errno)
        }
        let staged = outcomes.filter { $0.row.status == .staged }.count
        return "task \(task): staged \(staged) of \(work.count) files, rejected \(outcomes.count - staged), in "
            + String(format: "%.3f", Date().timeIntervalSince(started)) + " s"
    }

    static func resultPath(folder: String, task: Int) -> String { folder + "/result-\(task).json" }
}
