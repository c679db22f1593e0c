import Foundation
import WeirColumns

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a query reads: a dataset's data, a dataset's manifest (current or an earlier snapshot),
/// or any single Parquet file.
///
/// A dataset's data is the set of part files its current manifest lists, never what a directory
/// scan finds: each staged row's `data_path`, with the Hive columns of that row (each partition
/// key, typed as in the manifest, then `run_id`) added to its rows. Parts with different columns
/// (procedures that measure different things) are unioned by name. A query on the data can also
/// name any column of the manifest as `manifest.<column>` (`manifest.chip_number = 67`): the
/// value of the part's manifest row is then added to its rows like a Hive column.
public enum QuerySource: Sendable {
    /// The data of a dataset.
    case data(Dataset)
    /// A dataset's manifest: the current snapshot when `snapshot` is `nil`.
    case manifest(Dataset, snapshot: Int?)
    /// One Parquet file.
    case file(String)
    /// Every Parquet file under a folder that is not a dataset (a dataset's `_rejects`, DuckDB's
    /// partitioned output), with the Hive columns of their `key=value` folders as text.
    case folder(String)

    /// Resolves a path as `weir query` does: a folder is a dataset (its data, or its manifest
    /// when `manifest` is set or a `snapshot` is given), a file is read as Parquet.
    ///
    /// - Throws: ``DatasetError`` for a folder without a manifest, a missing path or a snapshot
    ///   that is not kept; ``QuerySourceError`` when a manifest or snapshot is asked of a file.
    public static func open(_ path: String, manifest: Bool = false, snapshot: Int? = nil) throws -> QuerySource {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            if manifest || snapshot != nil { throw QuerySourceError.manifestOfFile(path) }
            return .file(path)
        }
        if exists && !manifest && snapshot == nil && !Dataset.isDataset(path)
            && !QueryParts.parquetFiles(in: path).isEmpty
        {
            return .folder(path)
        }
        let dataset = try Dataset(path: path)
        if let snapshot {
            _ = try dataset.manifestPath(snapshot: snapshot)
            return .manifest(dataset, snapshot: snapshot)
        }
        return manifest ? .manifest(dataset, snapshot: nil) : .data(dataset)
    }

    /// A short phrase naming the source, for explanations.
    public var description: String {
        switch self {
        case .data(let dataset): "the data of the dataset '\(dataset.displayPath)'"
        case .manifest(let dataset, nil): "the manifest of the dataset '\(dataset.displayPath)'"
        case .manifest(let dataset, let number?): "snapshot \(number) of the manifest of '\(dataset.displayPath)'"
        case .file(let path): "the Parquet file '\(path)'"
        case .folder(let path): "the Parquet files under '\(path)'"
        }
    }

    /// The files to read, with the constant columns of each; `referenced` names the columns a
    /// query reads, so that the `manifest.` columns it names are added.
    func parts(referencing referenced: Set<String> = []) throws -> QueryParts {
        switch self {
        case .file(let path):
            return QueryParts(paths: [path], constants: nil)
        case .folder(let path):
            return QueryParts(folder: path)
        case .manifest(let dataset, let snapshot):
            return QueryParts(paths: [try dataset.manifestPath(snapshot: snapshot)], constants: nil)
        case .data(let dataset):
            let manifest = try dataset.manifestBatch()
            return try QueryParts(dataset: dataset, manifest: manifest, manifestColumns: referenced)
        }
    }
}

/// The files a query reads, in order, and the columns that are constant within each file.
struct QueryParts {
    /// Absolute paths.
    var paths: [String]
    /// One row per part: the Hive columns (partition keys, then `run_id`) taken from the manifest,
    /// then the manifest's columns the query names as `manifest.<column>`. `nil` for sources
    /// without Hive columns.
    var constants: RecordBatch?
    /// The names a query can use for the manifest's columns (`manifest.<column>`), for messages.
    var manifestNames: [String] = []

    /// The prefix that names a manifest column in a query on a dataset's data.
    static let manifestPrefix = "manifest."

    var count: Int { paths.count }

    init(paths: [String], constants: RecordBatch?) {
        self.paths = paths
        self.constants = constants
    }

    /// The parts of a dataset's data: the staged rows of its `manifest`, with the manifest
    /// columns that `manifestColumns` names as `manifest.<column>` (other names are ignored).
    init(dataset: Dataset, manifest: RecordBatch, manifestColumns: Set<String> = []) throws {
        guard let status = manifest.column(named: "status"), let dataPath = manifest.column(named: "data_path"),
            let runID = manifest.column(named: "run_id")
        else {
            // Reading the rows names the missing column.
            _ = try ManifestTable.rows(manifest)
            throw ManifestFormatError(message: "it lacks a fixed column")
        }
        var staged: [Int] = []
        var paths: [String] = []
        var keys: [String] = []
        var seen: Set<String> = []
        for row in 0..<manifest.rowCount {
            guard status.value(at: row) == .string(ManifestRow.Status.staged.rawValue),
                case .string(let relative) = dataPath.value(at: row)
            else { continue }
            staged.append(row)
            paths.append(dataset.absolute(relative))
            for segment in relative.split(separator: "/").dropLast() {
                guard let (key, _) = HivePartition.parse(segment: String(segment)), key != "run_id" else { continue }
                if seen.insert(key).inserted { keys.append(key) }
            }
        }
        var columns: [Column] = []
        for key in keys {
            if let column = manifest.column(named: key) {
                var gathered = column.gather(staged)
                gathered.field.nullable = true
                columns.append(gathered)
            } else {
                columns.append(.nulls(Field(key, .string), count: staged.count))
            }
        }
        var runIDs = runID.gather(staged)
        runIDs.field.nullable = true
        columns.append(runIDs)
        let prefix = Self.manifestPrefix
        for column in manifest.columns where manifestColumns.contains(prefix + column.field.name) {
            var gathered = column.gather(staged)
            gathered.field.name = prefix + column.field.name
            gathered.field.nullable = true
            columns.append(gathered)
        }
        self.init(paths: paths, constants: RecordBatch(columns: columns))
        manifestNames = manifest.schema.fields.map { prefix + $0.name }
    }
}

extension QueryParts {
    /// The Parquet files under `folder` (not looking into entries whose names start with `_` or
    /// `.`, as Hive readers do), by relative path in byte order.
    static func parquetFiles(in folder: String) -> [String] {
        var found: [String] = []
        func walk(_ relative: String) {
            let path = relative.isEmpty ? folder : folder + "/" + relative
            guard let descriptor = try? DirectoryReader.open(path, path: path, followLink: relative.isEmpty) else {
                return
            }
            defer { close(descriptor) }
            for name in (try? DirectoryReader.names(in: descriptor, path: path)) ?? [] {
                if name.hasPrefix(".") || name.hasPrefix("_") { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                guard let stat = try? FileStat.of(folder + "/" + child, followLinks: true) else { continue }
                if stat.kind == .directory {
                    walk(child)
                } else if stat.kind == .file && name.hasSuffix(".parquet") {
                    found.append(child)
                }
            }
        }
        walk("")
        return found
    }

    /// Every Parquet file under `folder`, with one text column per `key=value` folder level
    /// (null where a file's path has no such level, or holds the Hive null value).
    init(folder: String) {
        let files = Self.parquetFiles(in: folder)
        var keys: [String] = []
        var values: [[String: String?]] = []
        for relative in files {
            var row: [String: String?] = [:]
            for segment in relative.split(separator: "/").dropLast() {
                guard let (key, value) = HivePartition.parse(segment: String(segment)) else { continue }
                if row[key] == nil && !keys.contains(key) { keys.append(key) }
                row[key] = .some(value)
            }
            values.append(row)
        }
        var columns: [Column] = []
        for key in keys {
            var texts = ByteArrays()
            var validity: [Bool] = []
            for row in values {
                if case .some(.some(let text)) = row[key] {
                    texts.append(text)
                    validity.append(true)
                } else {
                    texts.appendEmpty()
                    validity.append(false)
                }
            }
            columns.append(
                Column(
                    field: Field(key, .string), storage: .bytes(texts),
                    validity: validity.contains(false) ? validity : nil))
        }
        self.init(
            paths: files.map { folder + "/" + $0 },
            constants: columns.isEmpty ? nil : RecordBatch(columns: columns))
    }
}

/// A query source asked for something it does not have.
public enum QuerySourceError: UserFacingError, Hashable {
    /// `--manifest` or `--snapshot` given with a Parquet file instead of a dataset folder.
    case manifestOfFile(String)

    public var exitStatus: Int32 { 2 }

    public var description: String {
        switch self {
        case .manifestOfFile(let path):
            "'\(path)' is a file, and only a dataset folder has a manifest. Pass the dataset folder, "
                + "or leave out '--manifest' and '--snapshot' to read the file."
        }
    }
}
