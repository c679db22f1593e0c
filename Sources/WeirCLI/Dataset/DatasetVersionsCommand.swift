import ArgumentParser
import Foundation
import Weir
import WeirColumns

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
