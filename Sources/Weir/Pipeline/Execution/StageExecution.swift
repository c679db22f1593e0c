/// Where a stage's work runs: in the `weir run` process and its children (`local`, the default), or
/// as Slurm jobs (`slurm`). Not part of any fingerprint: a stage gives the same output either way.
public enum ExecutorKind: String, Sendable, Hashable, CaseIterable, Codable {
    case local
    case slurm
}

/// The resources and options of a stage's Slurm jobs (`slurm:` in `weir.yaml`, project-wide or per
/// stage; a stage's keys override the project's one by one). Unset values are left to the cluster.
public struct SlurmOptions: Sendable, Hashable, Codable {
    /// `--partition`.
    public var partition: String?
    /// `--cpus-per-task`.
    public var cpus: Int?
    /// `--mem`, as Slurm writes it: a number of megabytes, or a number with `K`, `M`, `G` or `T`.
    public var mem: String?
    /// `--time`, as Slurm writes it: `MM`, `MM:SS`, `HH:MM:SS`, `D-HH`, `D-HH:MM` or `D-HH:MM:SS`.
    public var time: String?
    /// More `sbatch` arguments, passed as they are (`args: ["--qos=low"]`).
    public var args: [String] = []

    public init(
        partition: String? = nil, cpus: Int? = nil, mem: String? = nil, time: String? = nil, args: [String] = []
    ) {
        self.partition = partition
        self.cpus = cpus
        self.mem = mem
        self.time = time
        self.args = args
    }

    /// These options with `other`'s set values taking precedence (a stage's over the project's).
    func overridden(by other: SlurmOptions) -> SlurmOptions {
        SlurmOptions(
            partition: other.partition ?? partition, cpus: other.cpus ?? cpus, mem: other.mem ?? mem,
            time: other.time ?? time, args: other.args.isEmpty ? args : other.args)
    }

    /// The `sbatch` options these settings stand for, in a stable order.
    package var sbatchArguments: [String] {
        var arguments: [String] = []
        if let partition { arguments.append("--partition=\(partition)") }
        if let cpus { arguments.append("--cpus-per-task=\(cpus)") }
        if let mem { arguments.append("--mem=\(mem)") }
        if let time { arguments.append("--time=\(time)") }
        return arguments + args
    }
}

/// How one stage runs, resolved from the project's and the stage's `executor`, `slurm` and `shards`.
public struct StageExecution: Sendable, Hashable {
    public var executor: ExecutorKind
    public var slurm: SlurmOptions
    /// For an ingest stage on Slurm: the tasks of its job array (`shards:`, default 1).
    public var shards: Int

    public init(executor: ExecutorKind = .local, slurm: SlurmOptions = SlurmOptions(), shards: Int = 1) {
        self.executor = executor
        self.slurm = slurm
        self.shards = shards
    }

    public static let local = StageExecution()
}
