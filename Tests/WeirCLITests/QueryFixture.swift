import Foundation
import Weir
import WeirTestSupport

/// A project folder with a lab dataset in `data/stage`, staged by the real ingest runner, for
/// end-to-end tests of `weir query` and `weir dataset`.
struct QueryFixture {
    let directory: TemporaryDirectory
    let configuration: IngestConfiguration

    var root: String { directory.path }
    var raw: String { directory.path + "/raw" }
    var stage: String { directory.path + "/data/stage" }

    init(files: Int = 30, rows: Int = 12, badFraction: Double = 0.1, rowGroupRows: Int = 1_000_000) throws {
        directory = try TemporaryDirectory("weir-query-cli")
        try LabDataGenerator(files: files, rows: rows, days: 10, badFraction: badFraction)
            .write(to: directory.path + "/raw")
        var configuration = IngestConfiguration(
            source: directory.path + "/raw", output: directory.path + "/data/stage",
            pattern: try FilenamePattern("{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv"))
        configuration.partitionBy = ["proc", "date"]
        configuration.timezone = try LocalTimeZone("America/Santiago")
        configuration.include = [Glob("*.csv")]
        configuration.rowGroupRows = rowGroupRows
        configuration.configurationDigest = "query-cli-tests"
        self.configuration = configuration
        try ingest(session: "s1")
    }

    @discardableResult
    func ingest(session: String) throws -> IngestRunner.Result {
        try IngestRunner(configuration: configuration).run(IngestRunner.Context(session: session, weirVersion: "0.1.0"))
    }

    var dataset: Dataset { get throws { try Dataset(path: stage) } }

    /// Runs `weir` in the fixture's folder.
    func weir(_ arguments: [String]) throws -> ProcessResult {
        try TestEnvironment.weir(arguments, in: root)
    }

    /// The chip with the most measurements, and how many it has.
    func busiestChip() throws -> (chip: Int64, count: Int) {
        var counts: [Int64: Int] = [:]
        for row in try dataset.manifestRows() {
            if let text = row.fields["chip_number"]?.text, let chip = Int64(text) { counts[chip, default: 0] += 1 }
        }
        let best = counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }!
        return (best.key, best.value)
    }
}
