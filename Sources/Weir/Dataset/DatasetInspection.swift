import Foundation
import WeirColumns
import WeirParquet

/// One partition folder of a dataset, as its manifest lists it.
public struct DatasetPartition: Sendable, Hashable {
    /// The folder relative to the dataset, e.g. `proc=IV/date=2025-09-03`; empty when the dataset
    /// is not partitioned.
    public var path: String
    /// Staged source files (one part file each).
    public var files: Int
    public var rows: Int64
    /// The size of the source files.
    public var sourceBytes: Int64
}

/// What `weir dataset show` prints: the data's columns and a summary of the current manifest.
public struct DatasetSummary: Sendable, Hashable {
    /// The union of the part files' columns, then the Hive columns (see ``hiveColumns``).
    public var schema: Schema
    /// The names of the Hive columns at the end of ``schema``: partition keys, then `run_id`.
    public var hiveColumns: [String]
    /// The schema the dataset keeps (`_manifest/schema.json`); `nil` for one staged by an older Weir.
    public var datasetSchema: DatasetSchema?
    public var staged = 0
    public var rejected = 0
    /// Rows in the staged part files.
    public var rows: Int64 = 0
    /// Rows routed to the rejects table.
    public var rejectedRows: Int64 = 0
    /// The size of every source file the manifest lists.
    public var sourceBytes: Int64 = 0
    /// The size of the part files on disk.
    public var dataBytes: Int64 = 0
    /// The number of the current snapshot, when known.
    public var snapshot: Int?
    /// How many snapshots are kept.
    public var snapshots = 0
    /// The session that committed the current snapshot.
    public var lastSession: String?
    /// The latest `ingested_at`, in microseconds since 1970 (UTC).
    public var lastIngestedAt: Int64?
}

extension Dataset {
    /// The partition folders of the current manifest's staged files, sorted by path.
    public func partitions() throws -> [DatasetPartition] {
        var byPath: [String: DatasetPartition] = [:]
        for row in try manifestRows() where row.status == .staged {
            guard let dataPath = row.dataPath else { continue }
            let folder = Self.partitionFolder(of: dataPath)
            var partition = byPath[folder] ?? DatasetPartition(path: folder, files: 0, rows: 0, sourceBytes: 0)
            partition.files += 1
            partition.rows += row.rows
            partition.sourceBytes += row.sourceSize
            byPath[folder] = partition
        }
        return byPath.values.sorted { $0.path < $1.path }
    }

    /// The partition folder of a part path: everything before its `run_id=` folder.
    static func partitionFolder(of dataPath: String) -> String {
        let segments = dataPath.split(separator: "/", omittingEmptySubsequences: true)
        let partition = segments.prefix { !$0.hasPrefix("run_id=") }
        return partition.joined(separator: "/")
    }

    /// The size of a file in bytes, or `nil` when it cannot be read.
    static func fileSize(_ path: String) -> Int64? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return (attributes[.size] as? NSNumber)?.int64Value
    }

    /// The data's columns and the current manifest's counts.
    ///
    /// Reads the footer of every part file (not its data) to learn its columns.
    public func summary() throws -> DatasetSummary {
        let manifest = try manifestBatch()
        let rows = try ManifestTable.rows(manifest)
        let parts = try QueryParts(dataset: self, manifest: manifest)
        let hive = parts.constants?.schema.fields ?? []
        let hiveNames = Set(hive.map(\.name))
        var fields: [Field] = []
        var seen: Set<String> = []
        var dataBytes: Int64 = 0
        for path in parts.paths {
            let reader = try ParquetFileReader(path: path)
            for field in reader.schema.fields where !hiveNames.contains(field.name) {
                if seen.insert(field.name).inserted {
                    fields.append(field)
                } else if let index = fields.firstIndex(where: { $0.name == field.name }),
                    let wide = fields[index].type.widened(with: field.type)
                {
                    // Parts written under an older schema hold narrower types; readers widen them.
                    fields[index].type = wide
                }
            }
            dataBytes += Self.fileSize(path) ?? 0
        }
        var summary = DatasetSummary(schema: Schema(fields + hive), hiveColumns: hive.map(\.name))
        summary.dataBytes = dataBytes
        summary.datasetSchema = try DatasetSchemaStore(layout: layout).current()
        for row in rows {
            switch row.status {
            case .staged: summary.staged += 1
            case .rejected: summary.rejected += 1
            }
            summary.rows += row.rows
            summary.rejectedRows += row.rejectedRows
            summary.sourceBytes += row.sourceSize
        }
        let kept = snapshots
        summary.snapshots = kept.count
        let metadata = try ParquetFileReader(path: layout.manifestPath).keyValueMetadata
        summary.snapshot = metadata["weir.manifest.snapshot"].flatMap { Int($0) } ?? kept.last
        let latest = rows.max { $0.ingestedAt < $1.ingestedAt }
        summary.lastSession = metadata["weir.session"] ?? latest?.session
        summary.lastIngestedAt = latest?.ingestedAt
        return summary
    }
}
