import Dispatch
import Foundation
import Synchronization

/// A built-in transform started while its inputs are still being hashed.
///
/// Hashing a changed input reads all of it before the stage's fingerprint, and so its fate, is
/// known; a built-in transform depends on nothing but its inputs and options, so when an input's
/// status no longer matches the stat cache (the stage almost surely runs) Weir starts the
/// transform in a temporary run folder at once and hashes alongside. Once the fingerprint is
/// known the work is committed under it, or, when a committed run has that fingerprint after all
/// (a file touched but not changed), cancelled at its next batch and deleted.
final class SpeculativeRun: Sendable {
    let stage: String
    private let job: StageJob
    private let cancellation: StageCancellation
    private let prepared = Mutex<StageJob.Prepared?>(nil)
    private let done = DispatchSemaphore(value: 0)

    private init(job: StageJob, cancellation: StageCancellation) {
        self.stage = job.stage.name
        self.job = job
        self.cancellation = cancellation
    }

    /// Whether `stage` is worth starting before its inputs are hashed: a built-in transform reading
    /// only path deps, at least one of them a file whose status the stat cache does not know.
    static func isWorthStarting(_ stage: StageDefinition, project: ProjectLocation, cache: StatCache) -> Bool {
        guard stage.kind.isBuiltInTransform, !stage.deps.isEmpty else { return false }
        var changed = false
        for dep in stage.deps {
            guard let path = dep.path else { return false }
            // A missing input or a folder is left to the usual hashing (and its errors).
            guard let stat = try? FileStat.of(project.absolute(path), followLinks: true), stat.kind == .file else {
                return false
            }
            if !cache.knows(path, stat) { changed = true }
        }
        return changed
    }

    /// Starts `job` (whose fingerprint is provisional) on a thread of its own.
    static func start(_ job: StageJob) -> SpeculativeRun {
        let cancellation = StageCancellation()
        var speculative = job
        speculative.cancellation = cancellation
        let run = SpeculativeRun(job: speculative, cancellation: cancellation)
        Thread {
            let result = run.job.prepareTransform()
            run.prepared.withLock { $0 = result }
            run.done.signal()
        }.start()
        return run
    }

    /// Waits for the transform, then commits it as `job`'s run (`job` carries the real fingerprint).
    func commit(as job: StageJob) -> StageJob.Result {
        defer { job.progress?.finish(stage: stage) }
        return job.commitPrepared(wait())
    }

    /// Stops the transform at its next batch and deletes its work; returns once it is gone.
    func abandon() {
        cancellation.cancel()
        job.discard(wait())
        job.progress?.finish(stage: stage)
    }

    private func wait() -> StageJob.Prepared {
        done.wait()
        done.signal()
        return prepared.withLock { $0! }
    }

    /// A fingerprint naming a speculative run's temporary folder until the real one is known.
    static func provisionalFingerprint(stage: String) -> StageFingerprint? {
        try? StageFingerprint(document: ["speculative": .string(stage), "process": .int(Int64(getpid()))])
    }
}
