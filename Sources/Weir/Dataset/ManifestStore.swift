import Foundation
import WeirColumns
import WeirParquet

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads and commits a dataset's manifest snapshots.
///
/// A commit writes the numbered history snapshot first, then replaces `manifest.parquet` by
/// atomic rename, so a reader sees either the previous snapshot or the new one, and every
/// snapshot stays readable.
public struct ManifestStore: Sendable {
    public let layout: DatasetLayout

    public init(layout: DatasetLayout) {
        self.layout = layout
    }

    /// The current snapshot's rows; empty when the dataset has none yet.
    public func current() throws -> [ManifestRow] {
        guard FileManager.default.fileExists(atPath: layout.manifestPath) else { return [] }
        return try Self.read(layout.manifestPath)
    }

    /// The rows of a Parquet manifest file.
    public static func read(_ path: String) throws -> [ManifestRow] {
        let reader = try ParquetFileReader(path: path)
        var batches: [RecordBatch] = []
        for index in 0..<reader.rowGroupCount { batches.append(try reader.readRowGroup(index)) }
        if batches.isEmpty { return [] }
        return try ManifestTable.rows(try RecordBatch.concatenate(batches))
    }

    /// The numbers of the snapshots kept, oldest first.
    public func snapshots() -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: layout.historyDirectory)) ?? []
        return names.compactMap { name in
            name.hasSuffix(".parquet") ? Int(name.dropLast(8)) : nil
        }.sorted()
    }

    /// The number the next commit gives its snapshot.
    public func nextSnapshotNumber() -> Int { (snapshots().last ?? 0) + 1 }

    /// Writes `rows` as the next snapshot and makes it current. Returns its number.
    @discardableResult
    public func commit(_ rows: [ManifestRow], metadata: [String: String] = [:]) throws -> Int {
        try FileManager.default.createDirectory(atPath: layout.historyDirectory, withIntermediateDirectories: true)
        let number = nextSnapshotNumber()
        let batch = ManifestTable.batch(rows.sorted { $0.sourcePath < $1.sourcePath })
        var options = ParquetWriterOptions()
        options.keyValueMetadata = metadata.merging(["weir.manifest.snapshot": String(number)]) { first, _ in first }
        let history = layout.snapshotPath(number)
        try ParquetWriter.write(batch, to: history, options: options)
        try FileSync.sync(layout.historyDirectory)
        // The current snapshot is the same file: a hard link moved into place by rename (a copy
        // where the file system has no links).
        let temporary = layout.manifestPath + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        if link(history, temporary) == 0 {
            guard rename(temporary, layout.manifestPath) == 0 else {
                let code = errno
                unlink(temporary)
                throw RunStoreError.system(path: layout.manifestPath, operation: "replace the manifest", code: code)
            }
        } else {
            try ParquetWriter.write(batch, to: layout.manifestPath, options: options)
        }
        try FileSync.sync(layout.manifestDirectory)
        return number
    }

}
