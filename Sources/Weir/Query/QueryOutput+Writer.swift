import Foundation
import WeirCSV
import WeirColumns
import WeirParquet

/// Writes a query result batch by batch, in one of the ``QueryOutputFormat``s, to a file or to
/// standard output: the receiving end of ``Query/run(on:pushdown:begin:emit:)``.
///
/// ```swift
/// let writer = try QueryOutputWriter(format: .csv, path: "history.csv")
/// let explain = try query.run(on: source, begin: writer.begin, emit: writer.write)
/// try writer.finish()
/// ```
/// CSV, JSON lines and Parquet go out as the batches come; a table waits for the last batch to
/// size its columns. A file is written under a temporary name and renamed into place by
/// ``finish()``, so it appears complete or not at all; ``abort()`` removes what was written.
public final class QueryOutputWriter {
    public let format: QueryOutputFormat
    /// The file written, or `nil` for standard output.
    public let path: String?
    private var destination: FileHandle?
    private var temporaryPath: String?
    private var parquet: ParquetWriter?
    private var schema = Schema([])
    private var tableBatches: [RecordBatch] = []
    private var rows = 0

    /// A writer to the file `path`, or to standard output when `path` is `nil`.
    ///
    /// - Throws: ``QueryOutputError/needsFile`` for Parquet without a file.
    public init(format: QueryOutputFormat, path: String?) throws {
        if format == .parquet && path == nil { throw QueryOutputError.needsFile }
        self.format = format
        self.path = path
    }

    deinit {
        abort()
    }

    /// Opens the output for rows of `schema` and writes what comes before the rows.
    public func begin(_ schema: Schema) throws {
        self.schema = schema
        if let path {
            if format == .parquet {
                parquet = try ParquetWriter(path: path, schema: schema)
                return
            }
            let temporary = path + ".tmp-" + String(ProcessInfo.processInfo.processIdentifier)
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                let handle = FileHandle(forWritingAtPath: temporary)
            else {
                throw QueryOutputError.cannotWrite(path, reason: "the file cannot be created")
            }
            temporaryPath = temporary
            destination = handle
        } else {
            destination = FileHandle.standardOutput
        }
        switch format {
        case .csv:
            let header = CSVWriter(schema: schema)
            try send(header.bytes)
        case .json:
            try send(Array("[".utf8))
        case .table, .jsonl, .parquet:
            break
        }
    }

    /// Writes the rows of `batch`, whose columns are the schema's.
    public func write(_ batch: RecordBatch) throws {
        guard batch.rowCount > 0 else { return }
        defer { rows += batch.rowCount }
        switch format {
        case .table:
            tableBatches.append(batch)
        case .csv:
            var options = CSVWriterOptions()
            options.dialect.hasHeader = false
            let writer = CSVWriter(schema: batch.schema, options: options)
            try writer.write(batch)
            try send(writer.bytes)
        case .jsonl:
            try send(QueryOutput.jsonLines(batch))
        case .json:
            var bytes = Array((rows == 0 ? "\n" : ",\n").utf8)
            QueryOutput.appendObjects(batch, separator: ",\n", to: &bytes)
            try send(bytes)
        case .parquet:
            try parquet?.write(batch)
        }
    }

    /// Writes what comes after the rows and closes the output; a file is renamed into place.
    public func finish() throws {
        switch format {
        case .table:
            let whole: RecordBatch
            switch tableBatches.count {
            case 0: whole = RecordBatch(schema: schema, columns: schema.fields.map(Column.empty))
            case 1: whole = tableBatches[0]
            default: whole = try RecordBatch.concatenate(tableBatches)
            }
            tableBatches = []
            try send(Array(QueryTable(whole).text.utf8))
        case .json:
            try send(Array((rows == 0 ? "]\n" : "\n]\n").utf8))
        case .csv, .jsonl, .parquet:
            break
        }
        if let parquet {
            self.parquet = nil
            try parquet.close()
            return
        }
        guard let path, let temporaryPath, let destination else { return }
        do {
            try destination.synchronize()
            try destination.close()
        } catch {
            throw QueryOutputError.cannotWrite(path, reason: error.localizedDescription)
        }
        self.destination = nil
        guard rename(temporaryPath, path) == 0 else {
            throw QueryOutputError.cannotWrite(path, reason: String(cString: strerror(errno)))
        }
        self.temporaryPath = nil
    }

    /// Gives up: removes the temporary file and leaves no output file behind.
    public func abort() {
        parquet?.abort()
        parquet = nil
        if let temporaryPath {
            try? destination?.close()
            destination = nil
            try? FileManager.default.removeItem(atPath: temporaryPath)
            self.temporaryPath = nil
        }
    }

    private func send(_ bytes: [UInt8]) throws {
        guard let destination, !bytes.isEmpty else { return }
        do {
            try destination.write(contentsOf: Data(bytes))
        } catch {
            throw QueryOutputError.cannotWrite(path ?? "standard output", reason: error.localizedDescription)
        }
    }
}
