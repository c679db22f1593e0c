/// What a stage does, as declared in `weir.yaml`.
public enum StageKind: String, Sendable, Hashable, Codable {
    /// Any shell command, run with `/bin/sh -c` in the project folder.
    case command
    /// Raw files staged into a partitioned Parquet dataset with a manifest.
    case ingest
    /// Rows aggregated per group and time bucket into a Parquet dataset.
    case resample
    /// Two datasets joined on keys, as of a time, or by nearest coordinates, into a Parquet dataset.
    case merge
    /// A dataset written out as CSV or Parquet files.
    case export
    /// A dataset checked against rules, passed through, with a `quality.json` report.
    case quality
}

/// One stage of a pipeline, validated.
public struct StageDefinition: Sendable, Hashable {
    public let name: String
    public let kind: StageKind
    /// The command template, with `${…}` placeholders as written.
    public let command: String
    /// Inputs by name, sorted by name.
    public let deps: [StageDependency]
    /// The params the stage receives: shared params, then the params file, then its own, then
    /// this run's overrides (`--params FILE`, `--set`).
    public internal(set) var params: [String: JSONValue]
    /// Param name → the source of its overridden value (`--set`, `--params profiles/dev.yaml`).
    public internal(set) var paramSources: [String: String] = [:]
    /// The project-relative path of the output symlink.
    public let out: String
    public let description: String?
    /// Where the stage is declared.
    public let location: SourceLocation
    /// The options of an `ingest` stage.
    public let ingest: IngestStageSpec?
    /// The options of a `resample` stage.
    public let resample: ResampleStageSpec?
    /// The options of an `export` stage.
    public internal(set) var export: ExportStageSpec?
    /// The options of a `quality` stage.
    public internal(set) var quality: QualityStageSpec?
    /// The options of a `merge` stage.
    public internal(set) var merge: MergeStageSpec?
    /// JSON files in a command stage's output whose numbers are recorded as metrics of each run
    /// (`metrics:`); not part of the fingerprint.
    public internal(set) var metrics: [String] = []
    /// Where the stage runs (`executor`, `slurm`, `shards`); not part of the fingerprint. Transform
    /// stages always run in the `weir run` process.
    public internal(set) var execution = StageExecution.local

    package init(
        name: String, kind: StageKind, command: String, deps: [StageDependency], params: [String: JSONValue],
        out: String, description: String?, location: SourceLocation, ingest: IngestStageSpec? = nil,
        resample: ResampleStageSpec? = nil
    ) {
        self.name = name
        self.kind = kind
        self.command = command
        self.deps = deps.sorted { $0.name < $1.name }
        self.params = params
        self.out = out
        self.description = description
        self.location = location
        self.ingest = ingest
        self.resample = resample
    }

    /// The stages whose output this stage reads, sorted.
    public var upstreamStages: [String] {
        Array(Set(deps.compactMap(\.stageName))).sorted()
    }
}

/// One named input of a stage: a project path or another stage's output.
public struct StageDependency: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// A project-relative file or folder, normalized (no `.`, `..` or trailing `/`).
        case path(String)
        /// The committed output of another stage.
        case stage(String)
    }

    public let name: String
    public let target: Target
    public let location: SourceLocation

    package init(name: String, target: Target, location: SourceLocation) {
        self.name = name
        self.target = target
        self.location = location
    }

    public var stageName: String? {
        if case .stage(let name) = target { return name }
        return nil
    }

    public var path: String? {
        if case .path(let path) = target { return path }
        return nil
    }
}
