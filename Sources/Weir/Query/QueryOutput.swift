import Foundation
import WeirCSV
import WeirColumns
import WeirParquet

/// The formats a query result can be written in.
public enum QueryOutputFormat: String, Sendable, Hashable, CaseIterable {
    /// Aligned columns under a header, long cells cut, with a row count at the end.
    case table
    /// RFC 4180 CSV with a header row; nulls are empty, empty strings are quoted.
    case csv
    /// One JSON object per row, keyed by column name (``WeirColumns/Value/json`` per cell).
    case jsonl
    /// The same objects as ``jsonl``, in one JSON array.
    case json
    /// A Parquet file (needs a file to write to).
    case parquet

    /// Whether the format can go to standard output.
    public var isText: Bool { self != .parquet }
}

/// Writes query results in the ``QueryOutputFormat``s.
public enum QueryOutput {
    /// The bytes of `batch` in a text format.
    ///
    /// - Throws: ``QueryOutputError/needsFile`` for Parquet, which is written with
    ///   ``write(_:format:to:)`` only.
    public static func bytes(_ batch: RecordBatch, format: QueryOutputFormat) throws -> [UInt8] {
        switch format {
        case .table:
            return Array(QueryTable(batch).text.utf8)
        case .csv:
            let writer = CSVWriter(schema: batch.schema)
            try writer.write(batch)
            return writer.bytes
        case .jsonl:
            return jsonLines(batch)
        case .json:
            return jsonArray(batch)
        case .parquet:
            throw QueryOutputError.needsFile
        }
    }

    /// Writes `batch` to the file `path` in `format`. The file appears complete or not at all:
    /// it is written under a temporary name and renamed into place.
    public static func write(_ batch: RecordBatch, format: QueryOutputFormat, to path: String) throws {
        let writer = try QueryOutputWriter(format: format, path: path)
        do {
            try writer.begin(batch.schema)
            try writer.write(batch)
            try writer.finish()
        } catch {
            writer.abort()
            throw error
        }
    }

    /// One JSON object per row, each on its own line.
    public static func jsonLines(_ batch: RecordBatch) -> [UInt8] {
        var output: [UInt8] = []
        appendObjects(batch, separator: "\n", to: &output)
        if batch.rowCount > 0 { output += "\n".utf8 }
        return output
    }

    /// One JSON array of the row objects, one object per line.
    public static func jsonArray(_ batch: RecordBatch) -> [UInt8] {
        guard batch.rowCount > 0 else { return Array("[]\n".utf8) }
        var output: [UInt8] = Array("[\n".utf8)
        appendObjects(batch, separator: ",\n", to: &output)
        output += "\n]\n".utf8
        return output
    }

    static func appendObjects(_ batch: RecordBatch, separator: String, to output: inout [UInt8]) {
        let keys = batch.schema.fields.map { JSONText.quote($0.name) + ":" }
        for row in 0..<batch.rowCount {
            if row > 0 { output += separator.utf8 }
            output.append(UInt8(ascii: "{"))
            for (index, column) in batch.columns.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                output += keys[index].utf8
                output += column.value(at: row).json.utf8
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}

/// A result that cannot be written as asked.
public enum QueryOutputError: UserFacingError, Hashable {
    /// Parquet asked for without a file to write to.
    case needsFile
    /// The output file cannot be written.
    case cannotWrite(String, reason: String)

    public var exitStatus: Int32 {
        switch self {
        case .needsFile: 2
        case .cannotWrite: 1
        }
    }

    public var description: String {
        switch self {
        case .needsFile:
            "The format 'parquet' writes a file, not standard output. Please add '--out <file>'."
        case .cannotWrite(let path, let reason):
            "The output file '\(path)' cannot be written: \(reason). Check that its folder exists and is writable."
        }
    }
}
