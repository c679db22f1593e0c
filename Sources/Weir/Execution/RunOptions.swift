import Foundation

/// What `weir run` should do: which stages, which forced, from which version.
public struct RunOptions: Sendable, Hashable {
    /// Stages to bring up to date, with everything upstream of them; empty means all.
    public var targets: [String] = []
    /// Stages to run even when a committed run matches.
    public var force: [String] = []
    public var forceAll = false
    /// Run exactly these stages, using the current output of their upstream stages.
    public var only: [String] = []
    /// With targets or `only`: also run every stage downstream of them, but none upstream.
    public var downstream = false
    /// Start from this version's runs and record the result as a version derived from it.
    public var fromVersion: Int64?
    /// Plan only: report what would happen and why.
    public var dryRun = false
    /// How many stages may run at once.
    public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Show stage output live on the terminal (it is always kept in the run's `_logs/`).
    public var showOutput = true
    /// Param values for this run instead of those in `weir.yaml` (`--set`, `--params FILE`);
    /// recorded with the version.
    public var overrides = ParamOverrides()
    /// Runs every command and ingest stage with this executor instead of the one `weir.yaml` names
    /// (`weir run --executor local`); nil keeps the file's.
    public var executor: ExecutorKind?
    /// The command line recorded with the session and the version.
    public var commandLine: [String] = ["weir", "run"]

    public init() {}
}
