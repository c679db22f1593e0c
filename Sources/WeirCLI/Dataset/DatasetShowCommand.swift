import ArgumentParser
import Foundation
import Weir
import WeirColumns

/// `weir dataset show`: the data's columns and a summary of the manifest.
struct DatasetShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a dataset's columns and a summary of its current manifest."
    )

    @OptionGroup var options: DatasetOptions

    func run() throws {
        do {
            let dataset = try options.open()
            let summary = try dataset.summary()
            StandardOutput.write(options.json ? try json(summary) : text(summary, dataset: dataset))
        } catch {
            throw CommandFailure.wrapping(error)
        }
    }

    private func json(_ summary: DatasetSummary) throws -> String {
        let hive = Set(summary.hiveColumns)
        let columns: [JSONValue] = summary.schema.fields.map {
            ["name": .string($0.name), "type": .string($0.type.name), "partition": .bool(hive.contains($0.name))]
        }
        let object: JSONValue = [
            "columns": .array(columns),
            "snapshot": summary.snapshot.map { .int(Int64($0)) } ?? .null,
            "snapshots": .int(Int64(summary.snapshots)),
            "staged": .int(Int64(summary.staged)),
            "rejected": .int(Int64(summary.rejected)),
            "rows": .int(summary.rows),
            "rejected_rows": .int(summary.rejectedRows),
            "source_bytes": .int(summary.sourceBytes),
            "data_bytes": .int(summary.dataBytes),
            "last_session": summary.lastSession.map { .string($0) } ?? .null,
            "last_ingested_at": summary.lastIngestedAt.map { .string(DatasetText.time($0)) } ?? .null,
            "schema": try summary.datasetSchema.map { schema in
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                return try JSONValue.parse(Array(try encoder.encode(schema)))
            } ?? .null,
        ]
        return try object.canonicalString() + "\n"
    }

    private func text(_ summary: DatasetSummary, dataset: Dataset) -> String {
        var lines = ["dataset: " + dataset.displayPath]
        lines.append(
            "snapshot: " + (summary.snapshot.map(String.init) ?? "unknown") + " (\(summary.snapshots) kept)")
        lines.append("files: \(summary.staged) staged, \(summary.rejected) rejected")
        lines.append("rows: \(summary.rows) (\(summary.rejectedRows) rejected rows)")
        lines.append("bytes: \(summary.sourceBytes) in the sources, \(summary.dataBytes) in the part files")
        if let time = summary.lastIngestedAt {
            lines.append(
                "last ingest: " + DatasetText.time(time) + (summary.lastSession.map { " (session \($0))" } ?? ""))
        }
        lines.append("columns:")
        let hive = Set(summary.hiveColumns)
        let width = summary.schema.fields.map(\.name.count).max() ?? 0
        let typeWidth = summary.schema.fields.map(\.type.name.count).max() ?? 0
        for field in summary.schema.fields {
            var line =
                "  " + field.name + String(repeating: " ", count: width - field.name.count) + "  " + field.type.name
            if hive.contains(field.name) {
                line += String(repeating: " ", count: typeWidth - field.type.name.count) + "  (partition)"
            }
            lines.append(line)
        }
        if let schema = summary.datasetSchema { lines += Self.schemaLines(schema) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The kept schema: each kind's columns and its history.
    static func schemaLines(_ schema: DatasetSchema) -> [String] {
        var lines = ["schema (\(schema.evolution.rawValue)):"]
        for kind in schema.kinds {
            lines.append("  " + (kind.kind.map { "kind '\($0)'" } ?? "all files") + ", version \(kind.version):")
            let width = kind.columns.map(\.name.count).max() ?? 0
            for column in kind.columns {
                lines.append(
                    "    " + column.name + String(repeating: " ", count: width - column.name.count) + "  "
                        + column.type)
            }
            for entry in kind.history {
                let changes = entry.changes.map(\.text).joined(separator: "; ")
                let run = entry.run.map { " run " + String($0.prefix(12)) } ?? ""
                lines.append("    v\(entry.version) \(entry.at)\(run): \(changes)")
            }
        }
        return lines
    }
}
