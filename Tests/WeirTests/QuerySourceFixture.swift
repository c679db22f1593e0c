import Foundation
import WeirColumns
import WeirTestSupport

@testable import Weir

/// A small lab dataset staged by the real ingest runner, for query and dataset tests.
struct QuerySourceFixture {
    let directory: TemporaryDirectory
    let written: [LabDataGenerator.WrittenFile]
    let configuration: IngestConfiguration

    var raw: String { directory.path + "/raw" }
    var stage: String { directory.path + "/stage" }
    var dataset: Dataset { get throws { try Dataset(path: stage) } }

    /// `files` instrument files of about `rows` rows, some malformed, partitioned by proc and date,
    /// with row groups of `rowGroupRows` rows.
    init(files: Int = 24, rows: Int = 30, badFraction: Double = 0.15, rowGroupRows: Int = 1_000_000) throws {
        directory = try TemporaryDirectory("weir-query")
        written = try LabDataGenerator(files: files, rows: rows, days: 12, badFraction: badFraction)
            .write(to: directory.path + "/raw")
        var configuration = IngestConfiguration(
            source: directory.path + "/raw", output: directory.path + "/stage",
            pattern: try FilenamePattern("{date:date}/{group}{chip:int}_{proc}_{idx:int}.csv"))
        configuration.partitionBy = ["proc", "date"]
        configuration.timezone = try LocalTimeZone("America/Santiago")
        configuration.include = [Glob("*.csv")]
        configuration.rowGroupRows = rowGroupRows
        configuration.configurationDigest = "query-tests"
        self.configuration = configuration
        try ingest(session: "s1")
    }

    @discardableResult
    func ingest(session: String) throws -> IngestRunner.Result {
        try IngestRunner(configuration: configuration).run(IngestRunner.Context(session: session, weirVersion: "0.1.0"))
    }

    /// The current manifest's staged rows.
    func stagedRows() throws -> [ManifestRow] {
        try dataset.manifestRows().filter { $0.status == .staged }
    }
}

extension RecordBatch {
    /// The rows as lists of values, for comparing results.
    var rowValues: [[Value]] {
        (0..<rowCount).map { row in columns.map { $0.value(at: row) } }
    }
}
