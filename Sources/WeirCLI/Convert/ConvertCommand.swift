import ArgumentParser
import Foundation
import Weir
import WeirCSV
import WeirColumns
import WeirCompression
import WeirParquet

/// `weir convert`: CSV files to Parquet, with inferred or declared column types.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert CSV files to Parquet.",
        discussion: """
            With one input file, OUTPUT is the Parquet file to write. With several inputs, globs (quoted, \
            '**' for any depth) or a folder (every *.csv below it), OUTPUT is a folder that mirrors the \
            inputs' layout with .parquet files. Column types are inferred from a sample of rows unless \
            --schema declares them ('name: type' per line, e.g. 'chip: int32', 'time: timestamp[ms]'). \
            Lines before the header that start with '#' are kept as key-value metadata of the Parquet file. \
            By default the first bad row fails its file; with --rejects, bad rows are written to that CSV \
            file with their line and reason, and the rest converts.
            """
    )

    enum Codec: String, ExpressibleByArgument, CaseIterable {
        case snappy, zstd, gzip, none

        var compression: CompressionCodec {
            switch self {
            case .snappy: .snappy
            case .zstd: .zstd
            case .gzip: .gzip
            case .none: .uncompressed
            }
        }
    }

    @Argument(help: ArgumentHelp("CSV files, globs or folders, then the output file or folder.", valueName: "input"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("A file declaring column types, one 'name: type' per line.", valueName: "file"))
    var schema: String?

    @Option(help: ArgumentHelp("The field delimiter: one character, or 'tab'.", valueName: "char"))
    var delimiter: String = ","

    @Option(help: ArgumentHelp("The quote character, or 'none' to read quotes as text.", valueName: "char"))
    var quote: String = "\""

    @Flag(help: "Numbers are written with a decimal comma (1,5), with another delimiter such as --delimiter ';'.")
    var decimalComma = false

    @Option(help: ArgumentHelp("The text encoding: 'utf-8', or 'latin1' (Windows-1252).", valueName: "name"))
    var encoding: String = "utf-8"

    @Option(
        help: ArgumentHelp("An escape character inside quoted fields (default: quotes are doubled).", valueName: "char")
    )
    var escape: String?

    @Option(help: ArgumentHelp("Skip lines that start with this prefix anywhere in the file.", valueName: "prefix"))
    var comment: String?

    @Flag(help: "The first row is data; columns are named column_1, column_2, …")
    var noHeader = false

    @Option(
        name: .customLong("null"),
        help: ArgumentHelp("A value read as null (repeatable; default: empty, NA, N/A, NULL, null).", valueName: "text")
    )
    var nulls: [String] = []

    @Option(help: ArgumentHelp("Skip this many lines at the start of each file.", valueName: "count"))
    var skipLines = 0

    @Option(help: ArgumentHelp("Rows at the start of a file looked at to infer column types.", valueName: "count"))
    var sampleRows = 10_000

    @Option(help: "The Parquet compression codec: snappy, zstd, gzip or none.")
    var codec: Codec = .snappy

    @Option(help: ArgumentHelp("Write bad rows to this CSV file and convert the rest.", valueName: "file"))
    var rejects: String?

    @Option(
        help: ArgumentHelp(
            "Cores to use (default: all). Small files are converted up to 8 per core at once, as each waits for "
                + "its flush to disk.", valueName: "count"))
    var jobs: Int?

    func validate() throws {
        guard paths.count >= 2 else {
            throw ValidationError("Missing input or output. Please provide at least one INPUT and the OUTPUT.")
        }
        _ = try byte(delimiter, option: "--delimiter <char>")
        if quote != "none" { _ = try byte(quote, option: "--quote <char>") }
        if let escape { _ = try byte(escape, option: "--escape <char>") }
        _ = try isLatin1()
        if let jobs, jobs < 1 {
            throw ValidationError("The value '\(jobs)' is invalid for '--jobs <count>'. Please provide 1 or more.")
        }
        if skipLines < 0 || sampleRows < 0 {
            throw ValidationError("Line and row counts cannot be negative. Please provide 0 or more.")
        }
    }

    func run() throws {
        let csvOptions = try readerOptions()
        let plan = try ConvertPlan(inputs: Array(paths.dropLast()), output: paths.last!)
        var writerOptions = ParquetWriterOptions()
        writerOptions.codec = codec.compression
        writerOptions.rowGroupRows = 1 << 18
        let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let sink = try rejects.map { try RejectsSink(path: $0) }
        let run = ConvertRun(
            plan: plan, csvOptions: csvOptions, writerOptions: writerOptions, workers: workers, rejects: sink)
        let report = run.execute()
        try sink?.close()
        if plan.toFolder || report.failures.isEmpty { print(report.summary(plan: plan, rejectsPath: rejects)) }
        if !report.failures.isEmpty { throw ConvertFailed(failures: report.failures) }
    }

    private func readerOptions() throws -> CSVOptions {
        var options = CSVOptions()
        options.dialect.delimiter = try byte(delimiter, option: "--delimiter <char>")
        options.dialect.quote = quote == "none" ? nil : try byte(quote, option: "--quote <char>")
        options.dialect.escape = try escape.map { try byte($0, option: "--escape <char>") }
        options.dialect.commentPrefix = comment.map { Array($0.utf8) }
        options.dialect.hasHeader = !noHeader
        options.decimalComma = decimalComma
        options.latin1 = try isLatin1()
        if !nulls.isEmpty { options.nullStrings = nulls }
        options.skipLines = skipLines
        options.sampleRows = sampleRows
        options.errorMode = rejects == nil ? .failFile : .rejectRows
        if let schema {
            let text: String
            do {
                text = try String(contentsOfFile: schema, encoding: .utf8)
            } catch {
                throw ValidationError("The schema file '\(schema)' cannot be read. Please check the path.")
            }
            do {
                options.columnTypes = try CSVSchemaDeclaration.parse(text, path: schema)
            } catch {
                throw ValidationError(error.description)
            }
        }
        return options
    }

    /// Whether `--encoding` names Latin-1 (Windows-1252) rather than UTF-8.
    private func isLatin1() throws -> Bool {
        guard let latin1 = CSVOptions.isLatin1(encodingName: encoding) else {
            throw ValidationError(
                "The value '\(encoding)' is invalid for '--encoding <name>'. Please provide 'utf-8' or 'latin1'.")
        }
        return latin1
    }

    private func byte(_ text: String, option: String) throws -> UInt8 {
        switch text {
        case "tab", "\\t": return 0x09
        default:
            let bytes = Array(text.utf8)
            guard bytes.count == 1, bytes[0] != 0x0A, bytes[0] != 0x0D else {
                throw ValidationError(
                    "The value '\(text)' is invalid for '\(option)'. Please provide one ASCII character or 'tab'.")
            }
            return bytes[0]
        }
    }
}

/// Conversions that failed, reported with exit status 1.
struct ConvertFailed: UserFacingError {
    var failures: [String]
    var exitStatus: Int32 { 1 }
    var description: String { failures.joined(separator: "\nerror: ") }
}
