import ArgumentParser
import Foundation
import WeirColumns
import WeirParquet

/// `weir parquet cat`: print the rows of a Parquet file.
struct ParquetCatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Print the rows of a Parquet file.",
        discussion: """
            Rows are read one row group at a time, so files of any size print in bounded memory. \
            Nested columns (lists, structs, maps) print as JSON: JSON values in jsonl, compact JSON \
            text in a table cell or a CSV field. A list is a JSON array, a struct an object and a map \
            an array of {"key": …, "value": …} objects. Columns of a type Weir does not read are \
            skipped with a warning.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, jsonl
    }

    @Argument(help: "The Parquet file to print.")
    var file: String

    @Option(help: ArgumentHelp("Comma-separated names of the columns to print (default: all).", valueName: "names"))
    var columns: String?

    @Option(help: "Print at most this many rows.")
    var limit: Int?

    @Option(help: "The output format: table, csv or jsonl.")
    var format: Format = .table

    @OptionGroup var reading: ParquetReadingOptions

    func validate() throws {
        if let columns, !columns.split(separator: ",").contains(where: { !$0.allSatisfy(\.isWhitespace) }) {
            throw ValidationError(
                "The value '\(columns)' is invalid for '--columns <names>'. Please provide column names.")
        }
        if let limit, limit < 0 {
            throw ValidationError("The value '\(limit)' is invalid for '--limit <limit>'. Please provide 0 or more.")
        }
    }

    func run() throws {
        let reader = try ParquetFileReader.open(forCommand: file, reading)
        let names = columns.map {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if names == nil {
            for (_, error) in reader.unreadableColumns { printWarning(error.message) }
            if reader.schema.fields.isEmpty && !reader.columns.isEmpty {
                throw ParquetCommandError(
                    error: ParquetError(
                        .unsupported,
                        "None of the file's columns is one Weir reads: each is of an unsupported type "
                            + "(see the warnings above).", path: file))
            }
        }
        let output = OutputBuffer()
        var printer = RowPrinter(format: format, output: output)
        var remaining = limit ?? Int.max
        var iterator = reader.batches(columns: names).makeIterator()
        do {
            var printedHeader = false
            while remaining > 0, let batch = try iterator.nextBatch() {
                if !printedHeader {
                    printer.header(batch)
                    printedHeader = true
                }
                let rows = min(batch.rowCount, remaining)
                printer.rows(batch, count: rows)
                remaining -= rows
            }
            if !printedHeader {
                let selected = try reader.schema(ofColumns: names)
                printer.header(RecordBatch(schema: selected, columns: selected.fields.map { emptyColumn($0) }))
            }
        } catch {
            output.flush()
            throw ParquetCommandError(error: error)
        }
        output.flush()
    }

    private func emptyColumn(_ field: Field) -> Column {
        Column.empty(field)
    }
}

/// Formats rows as an aligned table, CSV or JSON lines.
struct RowPrinter {
    let format: ParquetCatCommand.Format
    let output: OutputBuffer
    private var widths: [Int] = []
    static let maximumCellWidth = 40

    init(format: ParquetCatCommand.Format, output: OutputBuffer) {
        self.format = format
        self.output = output
    }

    /// Prints the header (CSV and table), fixing the table's column widths from this first batch.
    mutating func header(_ batch: RecordBatch) {
        let names = batch.schema.fields.map(\.name)
        switch format {
        case .jsonl:
            return
        case .csv:
            output.write(names.map(Self.csvField).joined(separator: ",") + "\n")
        case .table:
            widths = names.map { min(Self.maximumCellWidth, max($0.count, 1)) }
            for row in 0..<min(batch.rowCount, 1_000) {
                for (index, column) in batch.columns.enumerated() {
                    let width = Self.tableCell(column.value(at: row)).count
                    widths[index] = min(Self.maximumCellWidth, max(widths[index], width))
                }
            }
            output.write(tableLine(names) + "\n")
            output.write(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n")
        }
    }

    func rows(_ batch: RecordBatch, count: Int) {
        switch format {
        case .jsonl:
            JSONLinesFormatter.write(batch, rows: count, to: output)
        case .csv:
            for row in 0..<count {
                let fields = batch.columns.map { column -> String in
                    let value = column.value(at: row)
                    guard let text = value.text else { return "" }
                    // An empty string is quoted so that it differs from a null.
                    return text.isEmpty ? "\"\"" : Self.csvField(text)
                }
                output.write(fields.joined(separator: ",") + "\n")
            }
        case .table:
            for row in 0..<count {
                output.write(tableLine(batch.columns.map { Self.tableCell($0.value(at: row)) }) + "\n")
            }
        }
    }

    private func tableLine(_ cells: [String]) -> String {
        var parts: [String] = []
        for (index, cell) in cells.enumerated() {
            let width = index < widths.count ? widths[index] : cell.count
            var text = cell
            if text.count > width { text = String(text.prefix(max(width - 1, 0))) + "…" }
            let padding = index == cells.count - 1 ? 0 : width - text.count
            parts.append(text + String(repeating: " ", count: max(padding, 0)))
        }
        return parts.joined(separator: "  ")
    }

    static func tableCell(_ value: Value) -> String {
        guard let text = value.text else { return "null" }
        guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
        return text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\t", with: "\\t")
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
