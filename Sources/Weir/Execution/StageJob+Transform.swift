import Foundation
import Synchronization

extension StageKind {
    /// The stage kinds Weir computes itself from their inputs and options alone (no command):
    /// their work may start before the inputs are hashed (see ``SpeculativeRun``).
    package var isBuiltInTransform: Bool {
        self == .resample || self == .merge || self == .quality || self == .export
    }
}

extension StageJob {
    /// A built-in transform's work, done in its temporary run folder and not yet committed.
    package enum Prepared: Sendable {
        case ready(PendingRun, child: ChildResult, known: [String: StatCacheEntry], startedAt: Date)
        /// The transform failed (or could not begin); nothing is left to commit or discard.
        case finished(Result)
    }

    /// Begins a run and computes the transform into it, without committing.
    func prepareTransform() -> Prepared {
        let startedAt = Date()
        let pending: PendingRun
        do {
            pending = try runs.begin(fingerprint.runID)
        } catch {
            return .finished(.error(error.description))
        }
        return transform(in: pending, startedAt: startedAt)
    }

    /// Computes the built-in transform into `pending`; on failure the folder is discarded (a failed
    /// quality check keeps its logs, as a failed command does).
    func transform(in pending: PendingRun, startedAt: Date) -> Prepared {
        let child: ChildResult
        var known: [String: StatCacheEntry] = [:]
        do {
            switch stage.kind {
            case .resample: child = try runResample(into: pending)
            case .export: child = try runExport(into: pending)
            case .merge: (child, known) = try runMerge(into: pending)
            default:
                let (result, failure) = try runQuality(into: pending)
                if let failure {
                    runs.discardKeepingLogs(pending, stage: stage.name)
                    return .finished(.error(failure))
                }
                child = result
            }
        } catch let error as ConfigError {
            runs.discard(pending)
            return .finished(.error(error.description))
        } catch {
            runs.discard(pending)
            let verb =
                switch stage.kind {
                case .resample: "resample"
                case .export: "export"
                case .merge: "merge"
                default: "check"
                }
            return .finished(.error("Stage '\(stage.name)' could not \(verb) its input: \(error)"))
        }
        return .ready(pending, child: child, known: known, startedAt: startedAt)
    }

    /// Commits prepared work as the run of the job's fingerprint (final by now).
    func commitPrepared(_ prepared: Prepared) -> Result {
        switch prepared {
        case .finished(let result):
            return result
        case .ready(let pending, let child, let known, let startedAt):
            let named = PendingRun(runID: fingerprint.runID, path: pending.path)
            do {
                return try commit(named, child: child, startedAt: startedAt, known: known)
            } catch {
                runs.discard(named)
                return .error("\(error)")
            }
        }
    }

    /// Deletes prepared work that is not needed after all.
    func discard(_ prepared: Prepared) {
        if case .ready(let pending, _, _, _) = prepared { runs.discard(pending) }
    }
}

/// Tells a speculative transform to stop: it turned out not to be needed.
package final class StageCancellation: Sendable {
    private let cancelled = Atomic<Bool>(false)

    package init() {}

    package func cancel() { cancelled.store(true, ordering: .relaxed) }

    package var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Throws once cancelled; transforms call it between batches.
    package func check() throws(StageCancelledError) {
        if isCancelled { throw StageCancelledError() }
    }
}

package struct StageCancelledError: Error, CustomStringConvertible {
    package var description: String { "the run was cancelled: its output is already committed" }
}
