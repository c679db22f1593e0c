import ArgumentParser
import Foundation
import Weir
import WeirColumns

/// `weir dataset`: look at a dataset through its manifest.
struct DatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "List, describe, trace and verify a dataset through its manifest.",
        subcommands: [
            // Keep one subcommand per line.
            DatasetListCommand.self,
            DatasetShowCommand.self,
            DatasetVersionsCommand.self,
            DatasetVerifyCommand.self,
        ]
    )
}

/// The arguments every `weir dataset` command takes.
struct DatasetOptions: ParsableArguments {
    @Argument(help: "A dataset folder, or a stage whose output is a dataset.")
    var dataset: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var project: ProjectOptions

    func open() throws -> Dataset {
        try DatasetArgument(text: dataset, project: project).dataset()
    }
}

/// `weir dataset ls`: the partition folders, with their files and rows.
struct DatasetListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List the partitions of a dataset with their files and rows, from the manifest."
    )

    @OptionGroup var options: DatasetOptions

    func run() throws {
        do {
            let partitions = try options.open().partitions()
            if options.json {
                let items: [JSONValue] = partitions.map {
                    [
                        "path": .string($0.path), "files": .int(Int64($0.files)), "rows": .int($0.rows),
                        "source_bytes": .int($0.sourceBytes),
                    ]
                }
                StandardOutput.write(try JSONValue.array(items).canonicalString() + "\n")
                return
            }
            let batch = RecordBatch(columns: [
                Column(
                    field: Field("partition", .string),
                    storage: .bytes(ByteArrays(partitions.map { $0.path.isEmpty ? "." : $0.path }))),
                Column(field: Field("files", .int64), storage: .int64(partitions.map { Int64($0.files) })),
                Column(field: Field("rows", .int64), storage: .int64(partitions.map(\.rows))),
                Column(field: Field("source_bytes", .int64), storage: .int64(partitions.map(\.sourceBytes))),
            ])
            var text = String(decoding: try QueryOutput.bytes(batch, format: .table), as: UTF8.self)
            // The table's own footer counts rows; say what they are.
            if let footer = text.range(of: "(", options: .backwards) { text.removeSubrange(footer.lowerBound...) }
            let files = partitions.reduce(0) { $0 + $1.files }
            let rows = partitions.reduce(Int64(0)) { $0 + $1.rows }
            text += "(\(partitions.count) partitions, \(files) files, \(rows) rows)\n"
            StandardOutput.write(text)
        } catch {
            throw CommandFailure.wrapping(error)
        }
    }
}

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
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `weir dataset versions`: every kept snapshot of the manifest.
struct DatasetVersionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versions",
        abstract: "List every snapshot of a dataset's manifest, with what each one added, changed and removed."
    )

    @OptionGroup var options: DatasetOptions

    func run() throws {
        do {
            let versions = try options.open().versions()
            if options.json {
                let items: [JSONValue] = versions.map { version in
                    [
                        "snapshot": .int(Int64(version.number)),
                        "time": version.time.map { .string(DatasetText.time($0)) } ?? .null,
                        "session": version.session.map { .string($0) } ?? .null,
                        "staged": .int(Int64(version.staged)), "rejected": .int(Int64(version.rejected)),
                        "rows": .int(version.rows), "added": .int(Int64(version.added)),
                        "changed": .int(Int64(version.changed)), "removed": .int(Int64(version.removed)),
                    ]
                }
                StandardOutput.write(try JSONValue.array(items).canonicalString() + "\n")
                return
            }
            let batch = RecordBatch(columns: [
                Column(field: Field("snapshot", .int64), storage: .int64(versions.map { Int64($0.number) })),
                DatasetText.strings("time", versions.map { $0.time.map(DatasetText.time) }),
                DatasetText.strings("session", versions.map(\.session)),
                Column(field: Field("staged", .int64), storage: .int64(versions.map { Int64($0.staged) })),
                Column(field: Field("rejected", .int64), storage: .int64(versions.map { Int64($0.rejected) })),
                Column(field: Field("rows", .int64), storage: .int64(versions.map(\.rows))),
                Column(field: Field("added", .int64), storage: .int64(versions.map { Int64($0.added) })),
                Column(field: Field("changed", .int64), storage: .int64(versions.map { Int64($0.changed) })),
                Column(field: Field("removed", .int64), storage: .int64(versions.map { Int64($0.removed) })),
            ])
            StandardOutput.write(try QueryOutput.bytes(batch, format: .table))
        } catch {
            throw CommandFailure.wrapping(error)
        }
    }
}

/// `weir dataset verify`: check the part files, orphans, the manifest history and the sources.
struct DatasetVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a dataset against its manifest and report every problem.",
        discussion: """
            Checks that every staged file's part exists and holds the rows the manifest says, that no \
            run_id= folder is missing from the manifest, and that the current manifest equals the newest \
            history snapshot. With --sources, also re-hashes every source file. Exits with status 1 when \
            anything is wrong.
            """
    )

    @OptionGroup var options: DatasetOptions

    @Option(help: ArgumentHelp("Re-hash the source files in this folder against the manifest.", valueName: "folder"))
    var sources: String?

    func run() throws {
        let verification: DatasetVerification
        let dataset: Dataset
        do {
            dataset = try options.open()
            verification = try dataset.verify(sources: sources)
        } catch {
            throw CommandFailure.wrapping(error)
        }
        if options.json {
            let problems: [JSONValue] = verification.problems.map {
                ["kind": .string($0.kind.rawValue), "path": .string($0.path), "message": .string($0.message)]
            }
            let object: JSONValue = [
                "ok": .bool(verification.isValid), "parts": .int(Int64(verification.parts)),
                "sources": .int(Int64(verification.sources)), "problems": .array(problems),
            ]
            StandardOutput.write(try object.canonicalString() + "\n")
        } else {
            var lines: [String] = []
            for problem in verification.problems { lines.append(problem.kind.rawValue + ": " + problem.message) }
            var checked = "checked \(verification.parts) part files"
            if sources != nil { checked += " and \(verification.sources) source files" }
            lines.append(checked + ": " + (verification.isValid ? "ok" : "\(verification.problems.count) problems"))
            StandardOutput.write(lines.joined(separator: "\n") + "\n")
        }
        if !verification.isValid {
            let count = verification.problems.count
            throw CommandFailure(
                description:
                    "The dataset '\(dataset.displayPath)' has \(count) \(count == 1 ? "problem" : "problems"). "
                    + "Fix them as each message says, then run 'weir dataset verify' again.",
                exitStatus: 1)
        }
    }
}

/// Text helpers shared by the dataset commands.
enum DatasetText {
    /// Microseconds since 1970 as an ISO 8601 UTC time.
    static func time(_ microseconds: Int64) -> String {
        Value.timestampText(microseconds, unit: .microseconds, utc: true)
    }

    static func strings(_ name: String, _ values: [String?]) -> Column {
        Column(
            field: Field(name, .string), storage: .bytes(ByteArrays(values.map { $0 ?? "" })),
            validity: values.contains(nil) ? values.map { $0 != nil } : nil)
    }
}
