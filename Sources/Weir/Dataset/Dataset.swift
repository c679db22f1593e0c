import Foundation
import WeirColumns
import WeirParquet

/// A dataset folder opened for reading: the output of an `ingest` stage, found through its
/// manifest.
///
/// ```swift
/// let dataset = try Dataset(path: "data/stage")
/// let manifest = try dataset.manifestBatch()        // the current snapshot, as stored
/// let first = try dataset.manifestRows(snapshot: 1)  // an earlier snapshot
/// ```
public struct Dataset: Sendable {
    public let layout: DatasetLayout
    /// The folder as the caller named it, for messages.
    public let displayPath: String

    /// Opens the dataset in `path`.
    ///
    /// - Throws: ``DatasetError/notADataset(_:)`` when the folder has no current manifest.
    public init(path: String) throws(DatasetError) {
        guard Self.isDataset(path) else { throw .notADataset(path) }
        displayPath = path
        layout = DatasetLayout(root: URL(fileURLWithPath: path).standardizedFileURL.path)
    }

    /// Whether `path` is a folder holding `_manifest/manifest.parquet`.
    public static func isDataset(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: DatasetLayout(root: path).manifestPath)
    }

    /// The numbers of the snapshots kept, oldest first.
    public var snapshots: [Int] { ManifestStore(layout: layout).snapshots() }

    /// The manifest file of snapshot `number`, or of the current snapshot when `nil`.
    ///
    /// - Throws: ``DatasetError/noSnapshot(_:number:available:)`` when that snapshot is not kept.
    public func manifestPath(snapshot number: Int? = nil) throws(DatasetError) -> String {
        guard let number else { return layout.manifestPath }
        let path = layout.snapshotPath(number)
        guard number > 0, FileManager.default.fileExists(atPath: path) else {
            throw .noSnapshot(displayPath, number: number, available: snapshots)
        }
        return path
    }

    /// The manifest of snapshot `number` (the current one when `nil`), with its columns as stored.
    public func manifestBatch(snapshot number: Int? = nil) throws -> RecordBatch {
        try Self.readAll(try manifestPath(snapshot: number))
    }

    /// The manifest rows of snapshot `number` (the current one when `nil`).
    public func manifestRows(snapshot number: Int? = nil) throws -> [ManifestRow] {
        try ManifestTable.rows(try manifestBatch(snapshot: number))
    }

    /// The absolute path of a path relative to the dataset folder.
    public func absolute(_ relative: String) -> String {
        layout.root + "/" + relative
    }

    /// Every row group of a Parquet file as one batch.
    static func readAll(_ path: String) throws -> RecordBatch {
        let reader = try ParquetFileReader(path: path)
        var batches: [RecordBatch] = []
        for index in 0..<reader.rowGroupCount { batches.append(try reader.readRowGroup(index)) }
        if batches.isEmpty {
            return RecordBatch(
                schema: reader.schema,
                columns: reader.schema.fields.map(Column.empty))
        }
        return batches.count == 1 ? batches[0] : try RecordBatch.concatenate(batches)
    }
}
