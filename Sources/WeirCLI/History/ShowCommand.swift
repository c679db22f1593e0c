import ArgumentParser
import Foundation
import Weir

/// `weir show VERSION|RUN`: one version's stages and runs, or everything known about one run.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract:
            "Show a version (its stage → run table) or a run (status, reasons, timings, outputs, quality report, fingerprint).",
        discussion: """
            A version is written 'v3', '3' or 'head'; a run by its id or at least 4 of its first hexadecimal \
            characters. Digits alone that name both a version and a run are refused as ambiguous.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(
        help: ArgumentHelp("The version (v3, 3, head) or run (id or unique prefix).", valueName: "version-or-run"))
    var identifier: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let location = try project.locate()
        let store = try HistoryOutput.requireStore(location, for: identifier)
        switch try HistoryIdentifiers.versionOrRun(identifier, in: store) {
        case .version(let version):
            try showVersion(version, store: store)
        case .run(let run):
            try RunDetails(run: run, store: store, project: location).print(json: json)
        }
    }

    private func showVersion(_ version: VersionRecord, store: StateStore) throws {
        let head = try store.head()?.id
        let runs = try store.runs(withIDs: version.stages.values)
        let stages = version.stages.sorted { $0.key < $1.key }
        if json {
            HistoryOutput.printJSON(
                .object([
                    "kind": .string("version"),
                    "id": .integer(version.id),
                    "name": .string(version.name),
                    "parent": JSONDocument(version.parent),
                    "head": .bool(version.id == head),
                    "created_at": JSONDocument(time: version.createdAt),
                    "command": .string(version.command),
                    "session": .string(version.session),
                    "user": .string(version.user),
                    "host": .string(version.host),
                    "note": JSONDocument(version.note),
                    "overrides": JSONDocument(version.overrides.json),
                    "stages": .array(
                        stages.map { stage, runID in
                            .object([
                                "stage": .string(stage),
                                "run": .string(runID),
                                "status": JSONDocument(runs[runID]?.status.rawValue),
                                "finished_at": JSONDocument(time: runs[runID]?.finishedAt),
                            ])
                        }),
                ]))
            return
        }
        var lines = ["Version \(version.name)" + (version.id == head ? " (head)" : "")]
        lines.append("Parent:   " + (version.parent.map { "v\($0)" } ?? "none"))
        lines.append("Created:  \(StateTime.display(version.createdAt)) by \(version.user)@\(version.host)")
        lines.append("Command:  \(version.command)")
        lines.append("Session:  \(version.session)")
        if let note = version.note { lines.append("Note:     \(note)") }
        if !version.overrides.isEmpty {
            lines.append("Overrides:")
            for override in version.overrides {
                lines.append("  \(override.key) = \(override.value.displayText)  (\(override.source))")
            }
        }
        lines.append("")
        if stages.isEmpty {
            lines.append("No stages.")
        } else {
            var table = TextTable(["STAGE", "RUN", "STATUS", "FINISHED (UTC)"])
            for (stage, runID) in stages {
                let run = runs[runID]
                table.append([
                    stage, HistoryFormat.shortRun(runID), run?.status.rawValue ?? "not recorded",
                    HistoryFormat.time(run?.finishedAt),
                ])
            }
            lines.append(table.rendered())
        }
        print(lines.joined(separator: "\n"))
    }
}
