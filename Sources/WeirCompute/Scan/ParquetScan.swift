import Foundation
import WeirColumns
import WeirParquet

/// Reads Parquet files, or folders of them, as one stream of batches: one batch per row group.
///
/// A folder is read recursively in name order, leaving out names that start with `_` or `.`
/// (`_manifest`, `_rejects`, `_SUCCESS`); its `key=value` folders become text columns, as Hive,
/// DuckDB and Spark lay out partitioned data. The schema is the union of the files' columns by name;
/// a file without a column gives nulls there. Row groups whose statistics rule out the
/// predicate are skipped without being read (pushdown); rows are not filtered here (see ``Filter``).
public struct ParquetScan: BatchStream {
    public let schema: Schema
    /// The files read, in order.
    public let files: [String]
    /// The rows the files hold, row groups skipped by the predicate included.
    public let totalRows: Int
    /// About how many bytes the largest row group takes once read (see
    /// ``ParquetFileReader/largestRowGroupBytes(columns:)``): what each row group read
    /// ahead adds to the memory a scan holds.
    public let largestRowGroupBytes: Int
    private let readColumns: [String]
    private let predicate: ParquetPredicate?
    private let partitions: [[String: String]]
    private var fileIndex = 0
    /// The open file's reader, the row groups of it still to read and the columns it has.
    private var current: (reader: ParquetFileReader, rowGroups: [Int], columns: [String])?
    /// The next batches, read on other threads while the caller works on the one before.
    private var upcoming: [Prefetch] = []
    /// How many row groups are read ahead, on other threads, while the caller works on the
    /// current one: 0 reads each when it is asked for. Each one read ahead holds about
    /// ``largestRowGroupBytes`` more.
    public var readAhead = 1
    /// Whether to read row groups ahead (see ``readAhead``).
    public var prefetch: Bool {
        get { readAhead > 0 }
        set { readAhead = newValue ? max(readAhead, 1) : 0 }
    }
    /// Whether columns keep their dictionary indices where the file has them (``Column/dictionary``),
    /// for operators that work once per distinct value.
    public var keepDictionaryCodes = false

    /// Plans a scan of `paths`, reading each file's footer once.
    ///
    /// - Parameters:
    ///   - paths: Parquet files and folders.
    ///   - columns: the columns wanted, in that order; `nil` for all.
    ///   - predicate: when given, row groups that cannot match are skipped.
    /// - Throws: `ComputeError` for a missing path, an unreadable file, an unknown column or files
    ///   that disagree on a column's type.
    public init(paths: [String], columns: [String]? = nil, predicate: ParquetPredicate? = nil) throws {
        var files: [String] = []
        var partitions: [[String: String]] = []
        for path in paths {
            for (file, keys) in try Self.list(path) {
                files.append(file)
                partitions.append(keys)
            }
        }
        try self.init(files: files, partitions: partitions, columns: columns, predicate: predicate)
    }

    /// Plans a scan of exactly `files` (spill files, for example), with no partition columns.
    init(files: [String]) throws {
        try self.init(files: files, partitions: files.map { _ in [:] }, columns: nil, predicate: nil)
    }

    private init(
        files: [String], partitions: [[String: String]], columns: [String]?, predicate: ParquetPredicate?
    ) throws {
        var fields: [Field] = []
        var origin: [String: String] = [:]
        var totalRows = 0
        var largestRowGroupBytes = 0
        for (file, keys) in zip(files, partitions) {
            let reader = try Self.open(file)
            totalRows += reader.rowCount
            let read = columns?.filter { reader.schema.index(of: $0) != nil }
            largestRowGroupBytes = max(largestRowGroupBytes, reader.largestRowGroupBytes(columns: read))
            var fileFields = reader.schema.fields
            for (key, _) in keys.sorted(by: { $0.key < $1.key }) where reader.schema.index(of: key) == nil {
                fileFields.append(Field(key, .string))
            }
            for field in fileFields {
                if let index = fields.firstIndex(where: { $0.name == field.name }) {
                    guard fields[index].type == field.type else {
                        throw ComputeError(
                            .invalidInput,
                            "The column '\(field.name)' is \(fields[index].type.name) in '\(origin[field.name]!)' "
                                + "but \(field.type.name) in '\(file)'. Please rewrite the files with one type.")
                    }
                    if field.nullable { fields[index].nullable = true }
                } else {
                    fields.append(field)
                    origin[field.name] = file
                }
            }
        }
        var schema = Schema(fields)
        if let columns {
            schema = Schema(try columns.map { fields[try schema.requireIndex(of: $0)] })
        }
        // A column missing from some file is null there.
        if files.count > 1 {
            schema = Schema(
                schema.fields.map {
                    var field = $0; field.nullable = true; return field
                })
        }
        self.schema = schema
        self.files = files
        self.totalRows = totalRows
        self.largestRowGroupBytes = largestRowGroupBytes
        self.partitions = partitions
        self.readColumns = schema.fields.map(\.name)
        self.predicate = predicate
    }

    public mutating func next() throws -> RecordBatch? {
        let batch: RecordBatch?
        if upcoming.isEmpty {
            batch = try nextItem().map { try $0.read() }
        } else {
            batch = try upcoming.removeFirst().wait()
        }
        guard let batch else { return nil }
        while upcoming.count < readAhead, let item = try nextItem() { upcoming.append(Prefetch(item)) }
        return batch
    }

    /// The next row group to read, opening the next file when the current one is done.
    private mutating func nextItem() throws -> ReadItem? {
        while true {
            if let open = current, let group = open.rowGroups.first {
                current!.rowGroups.removeFirst()
                return ReadItem(
                    reader: open.reader, rowGroup: group, columns: open.columns, schema: schema,
                    partition: partitions[fileIndex - 1], keepCodes: keepDictionaryCodes)
            }
            guard fileIndex < files.count else { return nil }
            let reader = try Self.open(files[fileIndex])
            var columns = readColumns.filter { reader.schema.index(of: $0) != nil }
            // A file giving only partition columns still has to tell how many rows it holds.
            if columns.isEmpty, let first = reader.schema.fields.first { columns = [first.name] }
            let groups = predicate.map { reader.rowGroups(matching: $0) } ?? Array(0..<reader.rowGroupCount)
            current = (reader, groups, columns)
            fileIndex += 1
        }
    }

    private static func open(_ file: String) throws -> ParquetFileReader {
        do {
            return try ParquetFileReader(path: file)
        } catch {
            throw ComputeError.parquet(error)
        }
    }

    /// The Parquet files at `path` with their `key=value` partition values, in name order.
    static func list(_ path: String) throws -> [(String, [String: String])] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw ComputeError(.invalidArgument, "There is no file or folder '\(path)'. Please check the path.")
        }
        guard isFolder.boolValue else { return [(path, [:])] }
        var found: [(String, [String: String])] = []
        try walk(path, keys: [:], into: &found)
        return found
    }

    private static func walk(_ folder: String, keys: [String: String], into found: inout [(String, [String: String])])
        throws
    {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw ComputeError(.io, "The folder '\(folder)' cannot be listed (\(error.localizedDescription)).")
        }
        for name in names where !name.hasPrefix("_") && !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                var keys = keys
                if let equals = name.firstIndex(of: "=") {
                    let value = String(name[name.index(after: equals)...])
                    keys[String(name[..<equals])] = value.removingPercentEncoding ?? value
                }
                try walk(path, keys: keys, into: &found)
            } else if name.hasSuffix(".parquet") {
                found.append((path, keys))
            }
        }
    }
}

/// One row group of one file, to read on any thread.
private struct ReadItem: Sendable {
    let reader: ParquetFileReader
    let rowGroup: Int
    let columns: [String]
    let schema: Schema
    let partition: [String: String]
    let keepCodes: Bool

    func read() throws -> RecordBatch {
        do {
            return shape(try reader.readRowGroup(rowGroup, columns: columns, keepingDictionaryCodes: keepCodes))
        } catch {
            throw ComputeError.parquet(error)
        }
    }

    /// Puts the file's columns in the scan's order, with partition values and nulls where it has none.
    private func shape(_ batch: RecordBatch) -> RecordBatch {
        let rows = batch.rowCount
        var columns: [Column] = []
        for field in schema.fields {
            if let index = batch.schema.index(of: field.name) {
                var column = batch.columns[index]
                column.field = field
                columns.append(column)
            } else if let value = partition[field.name] {
                columns.append(Column(field: field, storage: .bytes(ByteArrays(repeatElement(value, count: rows)))))
            } else {
                columns.append(Column.nulls(field, count: rows))
            }
        }
        return RecordBatch(schema: schema, columns: columns)
    }

}

/// A batch being read on a background thread.
private final class Prefetch: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the reading thread before it signals `done`.
    private var result: Result<RecordBatch, any Error>?

    init(_ item: ReadItem) {
        DispatchQueue.global().async {
            self.result = Result { try item.read() }
            self.done.signal()
        }
    }

    func wait() throws -> RecordBatch {
        done.wait()
        return try result!.get()
    }
}
