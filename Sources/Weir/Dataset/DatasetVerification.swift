import Foundation
import WeirColumns
import WeirParquet

/// Something `weir dataset verify` found wrong with a dataset.
public struct DatasetProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A staged row's part file does not exist.
        case missingPart = "missing-part"
        /// A part file cannot be read as Parquet.
        case unreadablePart = "unreadable-part"
        /// A part file holds another number of rows than its manifest row says.
        case rowCountMismatch = "row-count-mismatch"
        /// A `run_id=` folder that the manifest does not list.
        case orphan
        /// The current manifest differs from the newest history snapshot, or there is none.
        case manifestMismatch = "manifest-mismatch"
        /// A source file listed in the manifest is gone.
        case missingSource = "missing-source"
        /// A source file's content no longer has the hash the manifest recorded.
        case changedSource = "changed-source"
        /// A part has a column the dataset's schema lacks, or of a type that does not widen into the schema's.
        case schemaMismatch = "schema-mismatch"
        /// `_manifest/schema.json` cannot be read.
        case unreadableSchema = "unreadable-schema"
    }

    public var kind: Kind
    /// The file or folder concerned, relative to the dataset (or to the source folder for sources).
    public var path: String
    /// What is wrong and what to do about it.
    public var message: String

    public var description: String { message }
}

/// The outcome of checking a dataset against its manifest.
public struct DatasetVerification: Sendable, Hashable {
    /// Part files checked.
    public var parts = 0
    /// Source files re-hashed (0 unless a source folder was given).
    public var sources = 0
    public var problems: [DatasetProblem] = []

    public var isValid: Bool { problems.isEmpty }
}

extension Dataset {
    /// Checks every staged row's part file (it exists and holds the rows the row says), looks for
    /// `run_id=` folders no manifest row lists, compares the current manifest with the newest
    /// history snapshot and, given the `sources` folder, re-hashes every source file.
    ///
    /// Every problem is reported; none stops the check.
    public func verify(sources: String? = nil) throws -> DatasetVerification {
        var result = DatasetVerification()
        let rows = try manifestRows()
        var schema: DatasetSchema?
        do {
            schema = try DatasetSchemaStore(layout: layout).current()
        } catch {
            result.problems.append(
                DatasetProblem(kind: .unreadableSchema, path: "_manifest/schema.json", message: "\(error)"))
        }
        for row in rows where row.status == .staged {
            result.parts += 1
            checkPart(row, schema: schema, into: &result)
        }
        findOrphans(rows, into: &result)
        compareWithHistory(rows, into: &result)
        if let sources {
            for row in rows {
                result.sources += 1
                checkSource(row, folder: sources, into: &result)
            }
        }
        return result
    }

    private func checkPart(_ row: ManifestRow, schema: DatasetSchema?, into result: inout DatasetVerification) {
        guard let dataPath = row.dataPath else {
            result.problems.append(
                DatasetProblem(
                    kind: .missingPart, path: row.sourcePath,
                    message: "The staged file '\(row.sourcePath)' has no data_path in the manifest. "
                        + "Re-stage it with 'weir run --force <stage>'."))
            return
        }
        let path = absolute(dataPath)
        guard FileManager.default.fileExists(atPath: path) else {
            result.problems.append(
                DatasetProblem(
                    kind: .missingPart, path: dataPath,
                    message: "The part '\(dataPath)' of '\(row.sourcePath)' is missing. "
                        + "Re-stage it with 'weir run --force <stage>'."))
            return
        }
        do {
            let reader = try ParquetFileReader(path: path)
            if Int64(reader.rowCount) != row.rows {
                result.problems.append(
                    DatasetProblem(
                        kind: .rowCountMismatch, path: dataPath,
                        message:
                            "The part '\(dataPath)' of '\(row.sourcePath)' holds \(reader.rowCount) \(reader.rowCount == 1 ? "row" : "rows") "
                            + "where the manifest says \(row.rows). Re-stage it with 'weir run --force <stage>'."))
            }
            if let schema { checkColumns(reader.schema, of: row, dataPath: dataPath, against: schema, into: &result) }
        } catch {
            result.problems.append(
                DatasetProblem(
                    kind: .unreadablePart, path: dataPath,
                    message: "The part '\(dataPath)' of '\(row.sourcePath)' cannot be read: \(error). "
                        + "Re-stage it with 'weir run --force <stage>'."))
        }
    }

    /// Checks a part's columns against its kind's schema: each must be there, of a type that
    /// widens into the schema's (a part staged before a column widened keeps the narrower type).
    private func checkColumns(
        _ columns: Schema, of row: ManifestRow, dataPath: String, against schema: DatasetSchema,
        into result: inout DatasetVerification
    ) {
        let kind = schema.key.flatMap { key in row.fields[key].flatMap { $0 == .null ? nil : $0.text } }
        let fix = "Re-stage it with 'weir run --force <stage>'."
        guard let kindSchema = schema.kind(kind) else {
            result.problems.append(
                DatasetProblem(
                    kind: .schemaMismatch, path: dataPath,
                    message: "The part '\(dataPath)' of '\(row.sourcePath)' is of kind "
                        + (kind.map { "'\($0)'" } ?? "(none)") + ", which the dataset's schema does not have. " + fix))
            return
        }
        for field in columns.fields {
            guard let type = kindSchema.type(of: field.name) else {
                result.problems.append(
                    DatasetProblem(
                        kind: .schemaMismatch, path: dataPath,
                        message: "The part '\(dataPath)' of '\(row.sourcePath)' has the column '\(field.name)', "
                            + "which the dataset's schema does not have. " + fix))
                continue
            }
            if !field.type.widens(into: type) {
                result.problems.append(
                    DatasetProblem(
                        kind: .schemaMismatch, path: dataPath,
                        message: "The part '\(dataPath)' of '\(row.sourcePath)' has the column '\(field.name)' as "
                            + "\(ColumnTypeName.name(of: field.type)), but the dataset's schema has "
                            + "\(ColumnTypeName.name(of: type)). " + fix))
            }
        }
    }

    /// `run_id=` folders under the data partitions and `_rejects` that no manifest row lists.
    private func findOrphans(_ rows: [ManifestRow], into result: inout DatasetVerification) {
        let staged = Set(rows.filter { $0.status == .staged }.map(\.runID))
        let any = Set(rows.map(\.runID))
        guard let walker = FileManager.default.enumerator(atPath: layout.root) else { return }
        var orphans: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative == "_manifest" || relative.hasPrefix("_manifest/") {
                walker.skipDescendants()
                continue
            }
            let name = (relative as NSString).lastPathComponent
            guard name.hasPrefix("run_id=") else { continue }
            walker.skipDescendants()
            let runID = HivePartition.unescape(String(name.dropFirst("run_id=".count)))
            let listed = relative.hasPrefix("_rejects/") ? any.contains(runID) : staged.contains(runID)
            // A file rejected while being staged can leave its empty folder behind: no data, no harm.
            let leftover = any.contains(runID) && isEmptyFolder(layout.root + "/" + relative)
            if !listed && !leftover { orphans.append(relative) }
        }
        for orphan in orphans.sorted() {
            result.problems.append(
                DatasetProblem(
                    kind: .orphan, path: orphan,
                    message: "The folder '\(orphan)' is not listed in the manifest (left by an interrupted batch, "
                        + "or copied in). Readers ignore it; the next ingest batch after a crash removes it, "
                        + "or delete it by hand."))
        }
    }

    private func isEmptyFolder(_ path: String) -> Bool {
        (try? FileManager.default.contentsOfDirectory(atPath: path).isEmpty) ?? false
    }

    private func compareWithHistory(_ rows: [ManifestRow], into result: inout DatasetVerification) {
        guard let newest = snapshots.last else {
            result.problems.append(
                DatasetProblem(
                    kind: .manifestMismatch, path: "_manifest/history",
                    message: "The dataset keeps no history snapshots, so the current manifest cannot be checked "
                        + "against one. Run the ingest stage again to write one."))
            return
        }
        let relative = String(layout.snapshotPath(newest).dropFirst(layout.root.count + 1))
        let snapshotRows: [ManifestRow]
        do {
            snapshotRows = try manifestRows(snapshot: newest)
        } catch {
            result.problems.append(
                DatasetProblem(
                    kind: .manifestMismatch, path: relative,
                    message: "The newest snapshot '\(relative)' cannot be read: \(error)."))
            return
        }
        let key: (ManifestRow, ManifestRow) -> Bool = { $0.sourcePath < $1.sourcePath }
        if rows.sorted(by: key) != snapshotRows.sorted(by: key) {
            result.problems.append(
                DatasetProblem(
                    kind: .manifestMismatch, path: "_manifest/manifest.parquet",
                    message: "The current manifest differs from the newest snapshot '\(relative)' "
                        + "(\(rows.count) rows against \(snapshotRows.count)). A commit was interrupted or a file was "
                        + "replaced by hand; run the ingest stage again to commit a consistent snapshot."))
        }
    }

    private func checkSource(_ row: ManifestRow, folder: String, into result: inout DatasetVerification) {
        let path = folder + "/" + row.sourcePath
        guard FileManager.default.fileExists(atPath: path) else {
            result.problems.append(
                DatasetProblem(
                    kind: .missingSource, path: row.sourcePath,
                    message: "The source file '\(row.sourcePath)' is not in '\(folder)' any more. "
                        + "Check the source folder, or let the next ingest batch record the deletion."))
            return
        }
        do {
            let hash = try Digest.file(path, path: path).sha256
            if hash != row.sourceHash {
                result.problems.append(
                    DatasetProblem(
                        kind: .changedSource, path: row.sourcePath,
                        message: "The source file '\(row.sourcePath)' has changed since it was staged "
                            + "(SHA-256 \(hash.prefix(12))… where the manifest has \(row.sourceHash.prefix(12))…). "
                            + "Run the ingest stage to re-stage it."))
            }
        } catch {
            result.problems.append(
                DatasetProblem(
                    kind: .missingSource, path: row.sourcePath,
                    message: "The source file '\(row.sourcePath)' cannot be read: \(error)."))
        }
    }
}
