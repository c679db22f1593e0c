import ArgumentParser
import Weir

/// `weir _ingest-shard`: one task of a sharded ingest, started by the Slurm job array that
/// `weir run` submits for an ingest stage with `shards`. Not for people; hidden from `--help`.
struct IngestShardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_ingest-shard",
        abstract: "Stage one share of a sharded ingest (run by the Slurm job array of 'weir run').",
        shouldDisplay: false)

    @Option(help: "The shard plan written by 'weir run'.")
    var plan: String

    @Option(help: "This task's index in the job array.")
    var task: Int

    func run() throws {
        print(try IngestShardTask.run(planPath: plan, task: task))
    }
}
