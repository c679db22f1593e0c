/// Where a dataset keeps its files:
///
/// ```
/// OUT/<key>=<value>/…/run_id=<id>/part-000.parquet   data, one folder per staged source file
/// OUT/_manifest/manifest.parquet                     the current manifest snapshot
/// OUT/_manifest/history/<n>.parquet                  every snapshot, numbered from 1
/// OUT/_manifest/schema.json                          the columns of each kind of file, with their history
/// OUT/_manifest/history/<n>.schema.json              the schema as snapshot <n> was committed
/// OUT/_rejects/run_id=<id>/rejects.parquet           rows routed aside, with line, text and reason
/// OUT/_manifest/.batch-in-progress                   present while a batch runs (crash recovery)
/// ```
/// Folders starting with `_` are skipped by Spark, pyarrow and Hive readers.
public struct DatasetLayout: Sendable, Hashable {
    /// The dataset folder, absolute.
    public let root: String

    public init(root: String) {
        self.root = root
    }

    public var manifestDirectory: String { root + "/_manifest" }
    public var manifestPath: String { manifestDirectory + "/manifest.parquet" }
    public var historyDirectory: String { manifestDirectory + "/history" }
    public var inProgressMarker: String { manifestDirectory + "/.batch-in-progress" }
    public var rejectsDirectory: String { root + "/_rejects" }
    public var schemaPath: String { manifestDirectory + "/schema.json" }

    /// The schema committed with snapshot `number`.
    public func schemaSnapshotPath(_ number: Int) -> String {
        String(snapshotPath(number).dropLast(8)) + ".schema.json"
    }

    /// The snapshot numbered `number` (1, 2, …).
    public func snapshotPath(_ number: Int) -> String {
        historyDirectory + "/" + String(repeating: "0", count: max(0, 6 - String(number).count)) + String(number)
            + ".parquet"
    }

    /// The data file of a staged source, relative to ``root``.
    public static func partPath(partitions: [(key: String, value: String?)], runID: String) -> String {
        (partitions.map { HivePartition.segment(key: $0.key, value: $0.value) } + [
            "run_id=" + runID, "part-000.parquet",
        ])
        .joined(separator: "/")
    }

    /// The rejects file of a staging run, relative to ``root``.
    public static func rejectsPath(runID: String) -> String {
        "_rejects/run_id=" + runID + "/rejects.parquet"
    }
}
