import WeirColumns
import WeirTestSupport

@testable import WeirCSV

/// What reading a CSV produced, in a form tests compare easily.
struct ReadOutcome: Equatable, CustomStringConvertible {
    var columns: [String] = []
    var types: [String] = []
    /// Cells as `Value.text` (nil for null).
    var rows: [[String?]] = []
    /// `line: reason` of each rejected row.
    var rejects: [String] = []
    var rejectTexts: [String] = []
    var metadata: [String] = []
    /// The error's full description, when reading failed.
    var error: String?

    var description: String {
        if let error { return "error: \(error)" }
        return "\(columns) \(types) \(rows) rejects=\(rejects) metadata=\(metadata)"
    }
}

enum CSVTest {
    /// Reads `text` from memory under the name `t.csv`.
    static func read(_ text: String, _ options: CSVOptions = CSVOptions()) -> ReadOutcome {
        read(bytes: Array(text.utf8), options)
    }

    static func read(bytes: [UInt8], _ options: CSVOptions = CSVOptions()) -> ReadOutcome {
        var outcome = ReadOutcome()
        do {
            let reader = try CSVReader(bytes: bytes, name: "t.csv", options: options)
            outcome.columns = reader.schema.fields.map(\.name)
            outcome.types = reader.schema.fields.map(\.type.name)
            outcome.metadata = reader.metadata.map { "\($0.line): \($0.key ?? "-")=\($0.value ?? $0.text)" }
            while let batch = try reader.next() {
                outcome.rows += rows(of: batch.records)
                outcome.rejects += batch.rejects.map { "\($0.line): \($0.error.description)" }
                outcome.rejectTexts += batch.rejects.map { String(decoding: $0.text, as: UTF8.self) }
            }
        } catch {
            outcome.error = error.description
        }
        return outcome
    }

    static func rows(of batch: RecordBatch) -> [[String?]] {
        (0..<batch.rowCount).map { row in batch.columns.map { $0.value(at: row).text } }
    }

    static func options(_ configure: (inout CSVOptions) -> Void) -> CSVOptions {
        var options = CSVOptions()
        configure(&options)
        return options
    }

    static var rejecting: CSVOptions { options { $0.errorMode = .rejectRows } }

    /// Options that read every column as text, so cells compare as written.
    static func allStrings(_ names: [String], _ base: CSVOptions = CSVOptions()) -> CSVOptions {
        var options = base
        for name in names { options.columnTypes[name] = .string }
        return options
    }
}
