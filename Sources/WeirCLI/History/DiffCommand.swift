import ArgumentParser
import Foundation
import Weir

/// `weir diff V1 V2`: which stages were added, removed or changed between two versions, and why.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions: stages added, removed and changed, with the fingerprint keys that differ.",
        discussion: """
            For a stage whose run changed, the two runs' fingerprint documents are compared key by key, so the \
            output names the parameter, input or upstream output that differs (old → new).
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: ArgumentHelp("The older version (v3, 3, head).", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("The newer version (v3, 3, head).", valueName: "to"))
    var to: String

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let location = try project.locate()
        let store = try HistoryOutput.requireStore(location, for: from)
        let old = try HistoryIdentifiers.version(from, in: store)
        let new = try HistoryIdentifiers.version(to, in: store)
        let changes = StageChanges(from: old.stages, to: new.stages)
        let runs = try store.runs(withIDs: changes.changed.flatMap { [$0.oldRun, $0.newRun] })
        let differences: [String: [JSONDifference]?] = Dictionary(
            uniqueKeysWithValues: changes.changed.map { change in
                guard let oldRun = runs[change.oldRun], let newRun = runs[change.newRun] else {
                    return (change.stage, nil)
                }
                return (
                    change.stage,
                    JSONDiff.differences(
                        JSONDocument(parsingOrKeeping: oldRun.fingerprintJSON),
                        JSONDocument(parsingOrKeeping: newRun.fingerprintJSON))
                )
            })

        if json {
            HistoryOutput.printJSON(Self.json(old: old, new: new, changes: changes, differences: differences))
            return
        }
        var lines = ["Comparing \(old.name) with \(new.name)"]
        if changes.isEmpty {
            lines.append("No stage changed" + (changes.unchanged.isEmpty ? "." : ": " + listed(changes.unchanged)))
            print(lines.joined(separator: "\n"))
            return
        }
        for entry in changes.added {
            lines.append("added      \(entry.stage)  run \(HistoryFormat.shortRun(entry.run))")
        }
        for entry in changes.removed {
            lines.append("removed    \(entry.stage)  run \(HistoryFormat.shortRun(entry.run))")
        }
        for change in changes.changed {
            lines.append(
                "changed    \(change.stage)  run \(HistoryFormat.shortRun(change.oldRun)) → "
                    + HistoryFormat.shortRun(change.newRun))
            guard let found = differences[change.stage] ?? nil else {
                lines.append("             (fingerprints not recorded for both runs)")
                continue
            }
            if found.isEmpty { lines.append("             (the fingerprints are identical)") }
            for difference in found {
                lines.append(
                    "             \(difference.path.isEmpty ? "(document)" : difference.path): "
                        + "\(HistoryFormat.json(difference.old, limit: 40)) → \(HistoryFormat.json(difference.new, limit: 40))"
                )
            }
        }
        if !changes.unchanged.isEmpty { lines.append("unchanged  " + listed(changes.unchanged)) }
        print(lines.joined(separator: "\n"))
    }

    private func listed(_ stages: [String]) -> String { stages.joined(separator: ", ") }

    static func json(
        old: VersionRecord, new: VersionRecord, changes: StageChanges, differences: [String: [JSONDifference]?]
    ) -> JSONDocument {
        .object([
            "from": .integer(old.id),
            "to": .integer(new.id),
            "added": .array(changes.added.map { .object(["stage": .string($0.stage), "run": .string($0.run)]) }),
            "removed": .array(changes.removed.map { .object(["stage": .string($0.stage), "run": .string($0.run)]) }),
            "changed": .array(
                changes.changed.map { change in
                    let found = differences[change.stage] ?? nil
                    return .object([
                        "stage": .string(change.stage),
                        "old_run": .string(change.oldRun),
                        "new_run": .string(change.newRun),
                        "differences": found.map { list in
                            .array(
                                list.map { difference in
                                    // A side where the key is absent has no "old" / "new" member.
                                    var members: [String: JSONDocument] = ["key": .string(difference.path)]
                                    members["old"] = difference.old
                                    members["new"] = difference.new
                                    return .object(members)
                                })
                        } ?? .null,
                    ])
                }),
            "unchanged": .array(changes.unchanged.map { .string($0) }),
        ])
    }
}
