import Foundation
import Testing
import WeirColumns
import WeirParquet
import WeirTestSupport

/// Writes Parquet files with a peer (pyarrow, DuckDB or polars) through Python, each next to a
/// `.jsonl` file holding what pyarrow reads back from it, formatted as `Value.json` formats.
enum InteropFiles {
    /// Runs `script` (after the formatter and sample table definitions) with the output folder as
    /// `sys.argv[1]`; the script calls `emit(name, write)` for each file.
    static func generate(_ script: String, in directory: TemporaryDirectory) throws -> [URL] {
        let program =
            InteropPython.formatter + "\n" + InteropPython.sampleTable + "\n" + #"""
                import os, sys
                import pyarrow.parquet as pq
                out = sys.argv[1]
                def emit(name, write):
                    path = os.path.join(out, name + '.parquet')
                    write(path)
                    with open(os.path.join(out, name + '.jsonl'), 'w', encoding='utf-8') as f:
                        f.write(table_jsonl(pq.read_table(path)))
                """# + "\n" + script
        let result = try TestEnvironment.python(program, [directory.path])
        guard result.status == 0 else {
            Issue.record("Python failed (\(result.status)):\n\(result.stderr)")
            return []
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        return names.filter { $0.hasSuffix(".parquet") }.sorted().map { directory.file($0) }
    }

    /// The rows of `batch` as JSON lines, the form `weir parquet cat --format jsonl` prints.
    static func jsonl(_ batch: RecordBatch) -> String {
        var text = ""
        let keys = batch.schema.fields.map { JSONText.quote($0.name) + ":" }
        for row in 0..<batch.rowCount {
            text += "{"
            for (index, column) in batch.columns.enumerated() {
                if index > 0 { text += "," }
                text += keys[index] + column.value(at: row).json
            }
            text += "}\n"
        }
        return text
    }

    /// Reads `file` with Weir and checks every row against the `.jsonl` file beside it.
    static func check(
        _ file: URL, options: ParquetReadOptions = ParquetReadOptions(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let expected = try String(
            contentsOf: file.deletingPathExtension().appendingPathExtension("jsonl"), encoding: .utf8)
        #expect(!expected.isEmpty, "\(file.lastPathComponent): pyarrow read no rows", sourceLocation: sourceLocation)
        let reader = try ParquetFileReader(path: file.path, options: options)
        var actual = ""
        for index in 0..<reader.rowGroupCount {
            actual += jsonl(try reader.readRowGroup(index))
        }
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            actualLines.count == expectedLines.count, "\(file.lastPathComponent): row count",
            sourceLocation: sourceLocation)
        for (line, (want, got)) in zip(expectedLines, actualLines).enumerated() where want != got {
            Issue.record(
                "\(file.lastPathComponent) row \(line):\n  pyarrow: \(want)\n  weir:    \(got)",
                sourceLocation: sourceLocation)
            break
        }
    }
}
