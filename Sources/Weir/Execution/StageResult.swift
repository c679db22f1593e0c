/// How a stage ended in a `weir run`.
public struct StageResult: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// Its output already linked the run its fingerprint names.
        case upToDate(run: String)
        /// A committed run with its fingerprint existed and is now linked.
        case reused(run: String)
        /// The command ran and its output was committed (`identical`: the same run was already
        /// committed with the same output, so the existing folder was kept).
        case ran(run: String, outputHash: String, identical: Bool)
        /// The command failed (exit status, or 128 + signal), or Weir could not run or commit it.
        case failed(status: Int32, message: String)
        /// Not run because an upstream stage failed.
        case skipped(upstream: String)
        /// Not started because the run was interrupted.
        case cancelled
    }

    public var stage: String
    /// The plan when the stage was decided, after its upstream stages finished.
    public var plan: StagePlan
    public var outcome: Outcome
    public var wallSeconds: Double?

    public var succeeded: Bool {
        switch outcome {
        case .upToDate, .reused, .ran: true
        case .failed, .skipped, .cancelled: false
        }
    }

    /// The run the stage links after this outcome.
    public var run: String? {
        switch outcome {
        case .upToDate(let run), .reused(let run), .ran(let run, _, _): run
        case .failed, .skipped, .cancelled: nil
        }
    }
}

/// What a `weir run` did.
public struct RunReport: Sendable {
    public var session: String?
    public var plans: [StagePlan]
    public var results: [StageResult]
    /// The version recorded, if the stage links changed (or `--from-version` was given).
    public var version: VersionRecord?
    /// The head when nothing changed.
    public var unchangedHead: Int64?
    public var dryRun: Bool

    public var succeeded: Bool { results.allSatisfy(\.succeeded) }
}

/// Progress of a run, for the command line to show as it happens.
public enum RunEvent: Sendable {
    case started(StagePlan)
    case finished(StageResult)
    case warning(String)
}
