import ArgumentParser
import Foundation
import Weir

/// `weir versions`: the versions with their lineage.
struct VersionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versions",
        abstract: "List the versions of the project with their parents.",
        discussion: """
            Each version records which run every stage points at, the version it was derived from, and the \
            command, user and host that made it. '*' marks the head, the version the project points at now. \
            CHANGED lists the stages whose run differs from the parent's.

            With --graph, versions are drawn as a tree: a version directly under another at the same indentation \
            is its only child; '├──' and '└──' mark several versions derived from the same parent.
            """)

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Draw the parent tree.")
    var graph = false

    @Flag(help: "Print JSON: an array of versions, oldest first.")
    var json = false

    func run() throws {
        let location = try project.locate()
        guard
            let store = try HistoryOutput.openStore(location, json: json, emptyMessage: "No versions yet.")
        else { return }
        let versions = try store.versions()
        let head = try store.head()?.id
        let byID = Dictionary(uniqueKeysWithValues: versions.map { ($0.id, $0) })
        func changes(_ version: VersionRecord) -> StageChanges {
            StageChanges(from: version.parent.flatMap { byID[$0] }?.stages ?? [:], to: version.stages)
        }

        if json {
            HistoryOutput.printJSON(.array(versions.map { Self.json($0, head: head, changes: changes($0)) }))
            return
        }
        if versions.isEmpty {
            print("No versions yet. Run 'weir run' to record the first version.")
            return
        }
        if graph {
            print(
                VersionTree(versions: versions, head: head, label: { Self.label($0, changes: changes($0)) }).rendered())
            return
        }
        var table = TextTable(["", "VERSION", "PARENT", "CREATED (UTC)", "COMMAND", "BY", "CHANGED"])
        for version in versions {
            table.append([
                version.id == head ? "*" : "", version.name, version.parent.map { "v\($0)" } ?? "-",
                HistoryFormat.time(version.createdAt), version.command, "\(version.user)@\(version.host)",
                Self.summary(changes(version)),
            ])
        }
        print(table.rendered())
    }

    static func label(_ version: VersionRecord, changes: StageChanges) -> String {
        "\(HistoryFormat.time(version.createdAt))  \(version.command)  \(version.user)@\(version.host)  "
            + summary(changes)
    }

    /// `changed clean, features; added report`.
    static func summary(_ changes: StageChanges) -> String {
        var parts: [String] = []
        if !changes.changed.isEmpty { parts.append("changed " + changes.changed.map(\.stage).joined(separator: ", ")) }
        if !changes.added.isEmpty { parts.append("added " + changes.added.map(\.stage).joined(separator: ", ")) }
        if !changes.removed.isEmpty { parts.append("removed " + changes.removed.map(\.stage).joined(separator: ", ")) }
        return parts.isEmpty ? "no stage changed" : parts.joined(separator: "; ")
    }

    static func json(_ version: VersionRecord, head: Int64?, changes: StageChanges) -> JSONDocument {
        .object([
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
            "stages": .object(version.stages.mapValues { .string($0) }),
            "changes": .object([
                "added": .array(changes.added.map { .string($0.stage) }),
                "removed": .array(changes.removed.map { .string($0.stage) }),
                "changed": .array(changes.changed.map { .string($0.stage) }),
            ]),
        ])
    }
}
