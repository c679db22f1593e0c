import ArgumentParser
import Foundation
import Weir

/// `weir compare [V…]`: versions side by side, the params that differ between them and their metrics.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Show versions side by side: the params that differ between them, and their metrics.",
        discussion: """
            Without versions: the head and its ancestors, newest first (at most --limit). One row per version; \
            a column for every param whose value differs between the rows (STAGE.NAME, or NAME when all stages \
            share it) and for every metric of the versions' runs: user metrics from 'metrics:' files, rows and \
            wall time, as STAGE:NAME. --sort puts the largest value first (--ascending: the smallest); rows \
            without the value come last.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: ArgumentHelp("Versions to compare (v3, 3, head), in this order.", valueName: "version"))
    var versions: [String] = []

    @Option(help: ArgumentHelp("Only this stage's params and metrics.", valueName: "stage"))
    var stage: String?

    @Option(
        help: ArgumentHelp(
            "Sort the rows by this column (e.g. train:loss, or loss when one column ends so), largest first.",
            valueName: "column"))
    var sort: String?

    @Flag(help: "With --sort: smallest first.")
    var ascending = false

    @Option(help: ArgumentHelp("Without versions: compare at most this many.", valueName: "count"))
    var limit: Int = 20

    @Flag(help: "Print JSON: one object per version.")
    var json = false

    @Flag(help: "Print CSV: a header and one line per version.")
    var csv = false

    func validate() throws {
        try HistoryOutput.validate(limit: limit)
        if json && csv { throw ValidationError("Give either '--json' or '--csv', not both.") }
        if ascending && sort == nil { throw ValidationError("'--ascending' needs '--sort COLUMN'.") }
    }

    func run() throws {
        let location = try project.locate()
        guard let store = try StateStore.openReadOnly(location), let head = try store.head() else {
            if let first = versions.first {
                throw StateRecordNotFoundError(
                    kind: "version", identifier: first, hint: "No version has been recorded yet; run 'weir run'.")
            }
            printEmpty("No versions yet. The project at '\(location.root)' has no version; run 'weir run' first.")
            return
        }
        let ids = try selectedIDs(store: store, head: head.id)
        let comparison = try VersionComparison.load(
            from: store, versions: ids, head: head.id, stage: stage, sort: sort, ascending: ascending)
        if json {
            HistoryOutput.printJSON(JSONDocument(comparison.json))
        } else if csv {
            print(Self.csv(comparison), terminator: "")
        } else {
            print(Self.table(comparison))
        }
    }

    /// The versions named on the command line (one query for all), else the head's lineage.
    private func selectedIDs(store: StateStore, head: Int64) throws -> [Int64] {
        if versions.isEmpty { return try store.lineage(from: head, limit: limit) }
        return try versions.map { text in
            if text.lowercased() == "head" { return head }
            guard let id = HistoryIdentifiers.versionNumber(text) else {
                throw InvalidIdentifierError(
                    kind: "version", identifier: text, reason: "write a version as 'v3', '3' or 'head'")
            }
            return id
        }
    }

    private func printEmpty(_ message: String) {
        if json {
            print("[]")
        } else if csv {
            print(HistoryOutput.csvLine(Self.fixedColumns))
        } else {
            print(message)
        }
    }

    static let fixedColumns = ["version", "parent", "created_at"]

    static func table(_ comparison: VersionComparison) -> String {
        let columns = comparison.columns
        var table = TextTable(
            ["VERSION", "PARENT", "CREATED (UTC)"] + columns.map(\.name),
            alignments: [.left, .left, .left] + columns.map { $0.kind == .metric ? .right : .left })
        for row in comparison.rows {
            let version = row.version
            table.append(
                [
                    version.name + (row.isHead ? " (head)" : ""), version.parent.map { "v\($0)" } ?? "-",
                    HistoryFormat.time(version.createdAt),
                ]
                    + columns.map { column in
                        switch column.kind {
                        case .param: row.params[column.name].map { HistoryFormat.truncated($0.displayText, 30) } ?? "-"
                        case .metric:
                            row.metrics[column.name].map { HistoryFormat.measurement($0, unit: column.unit ?? "") }
                                ?? "-"
                        }
                    })
        }
        return table.rendered()
    }

    static func csv(_ comparison: VersionComparison) -> String {
        let columns = comparison.columns
        var lines = [HistoryOutput.csvLine(fixedColumns + columns.map(\.name))]
        for row in comparison.rows {
            let version = row.version
            lines.append(
                HistoryOutput.csvLine(
                    [version.name, version.parent.map { "v\($0)" } ?? "", StateTime.format(version.createdAt)]
                        + columns.map { column in
                            switch column.kind {
                            case .param: row.params[column.name]?.displayText ?? ""
                            case .metric: row.metrics[column.name].map(VersionComparison.numberText) ?? ""
                            }
                        }))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
