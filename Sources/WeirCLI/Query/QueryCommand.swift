import ArgumentParser
import Foundation
import Weir

/// `weir query`: filter, sort, number and select the rows of a dataset, its manifest or a Parquet file.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Filter, sort, number and select the rows of a dataset, its manifest or a Parquet file.",
        discussion: """
            DATASET is a dataset folder (the output of an ingest stage), a Parquet file, or the name of \
            a stage in weir.yaml whose output is a dataset. A dataset's data is read from the part \
            files its current manifest lists, with the partition columns and run_id added to each row; \
            any manifest column can be named as manifest.<column> (manifest.chip_number = 67).

            A chip history is one query on the manifest:
              weir query data/stage --manifest --where "chip_number = 67" \\
                --order-by start_time --seq-by chip_number \\
                --select seq,start_time_local_date,proc,source_path

            --order-by sorts within --memory (1GiB by default): past it, sorted runs are spilled \
            to a folder in the system's temporary folder ($TMPDIR) and merged, so a dataset far \
            larger than memory can be sorted. With --limit only the first rows are kept (a top-N).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, jsonl, json, parquet

        var output: QueryOutputFormat {
            switch self {
            case .table: .table
            case .csv: .csv
            case .jsonl: .jsonl
            case .json: .json
            case .parquet: .parquet
            }
        }
    }

    @Argument(help: "A dataset folder, a Parquet file, or a stage whose output is a dataset.")
    var dataset: String

    @Flag(help: "Query the dataset's manifest (one row per source file) instead of its data.")
    var manifest = false

    @Option(help: ArgumentHelp("Query snapshot N of the manifest (see 'weir dataset versions').", valueName: "N"))
    var snapshot: Int?

    @Option(
        name: .customLong("where"),
        help: ArgumentHelp(
            "Keep the rows where the condition holds, e.g. \"chip_number = 67 and proc in ('IV','IVg')\".",
            valueName: "expr"))
    var condition: String?

    @Option(
        name: .customLong("order-by"),
        help: ArgumentHelp("Sort by these columns, each optionally followed by 'desc'.", valueName: "col[ desc],…"))
    var orderBy: String?

    @Option(
        name: .customLong("seq-by"),
        help: ArgumentHelp(
            "Add a 'seq' column numbering the rows 1, 2, … within each group of these columns.", valueName: "col,…"))
    var seqBy: String?

    @Option(help: ArgumentHelp("Output only these columns, in this order ('seq' included).", valueName: "col,…"))
    var select: String?

    @Option(help: "Output at most this many rows.")
    var limit: Int?

    @Option(
        help: ArgumentHelp(
            "The most memory the sort of --order-by holds before it spills to disk, e.g. 512MiB or 2GiB.",
            valueName: "size"))
    var memory: String = "1GiB"

    @Option(help: "The output format: table, csv, jsonl, json or parquet.")
    var format: Format = .table

    @Option(help: ArgumentHelp("Write the result to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Flag(help: "Print how the query ran (parts and row groups skipped, columns and rows read) instead of the rows.")
    var explain = false

    @Flag(help: "Read every row of every part, without skipping anything (to check pushdown).")
    var noPushdown = false

    @OptionGroup var reading: ParquetReadingOptions

    @OptionGroup var project: ProjectOptions

    func validate() throws {
        if let limit, limit < 0 {
            throw ValidationError("The value '\(limit)' is invalid for '--limit <limit>'. Please provide 0 or more.")
        }
        if let snapshot, snapshot < 1 {
            throw ValidationError("The value '\(snapshot)' is invalid for '--snapshot <N>'. Please provide 1 or more.")
        }
        if MemorySize.parse(memory) == nil {
            throw ValidationError(
                "The value '\(memory)' is invalid for '--memory <size>'. Please provide a whole number with KiB, "
                    + "MiB or GiB, such as '512MiB'.")
        }
        if format == .parquet && out == nil {
            throw ValidationError(QueryOutputError.needsFile.description)
        }
    }

    func run() throws {
        do {
            let query = try makeQuery()
            let path = try DatasetArgument(text: dataset, project: project).resolvePath()
            let source = try QuerySource.open(path, manifest: manifest, snapshot: snapshot)
            // With --explain and no file, the explanation takes the place of the rows.
            let writer = explain && out == nil ? nil : try QueryOutputWriter(format: format.output, path: out)
            let explanation: QueryExplain
            do {
                explanation = try query.run(
                    on: source, pushdown: !noPushdown, memory: MemorySize.parse(memory) ?? Query.defaultMemory,
                    begin: { try writer?.begin($0) }, emit: { try writer?.write($0) })
                try writer?.finish()
            } catch {
                writer?.abort()
                throw error
            }
            if explain { StandardOutput.write(explanation.lines.joined(separator: "\n") + "\n") }
        } catch {
            throw CommandFailure.wrapping(error)
        }
    }

    /// The query the options describe.
    func makeQuery() throws -> Query {
        var query = Query(
            filter: try condition.map { try QueryExpression.parse($0) },
            orderBy: Self.list(orderBy)?.map(Query.SortKey.parse) ?? [],
            seqBy: Self.list(seqBy),
            select: Self.list(select),
            limit: limit
        )
        query.parquetOptions = reading.options
        return query
    }

    /// A comma-separated list, trimmed, without empty items.
    static func list(_ text: String?) -> [String]? {
        guard let text else { return nil }
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return items.isEmpty ? nil : items
    }
}
