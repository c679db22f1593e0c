import ArgumentParser
import Foundation
import Weir

/// `weir gc`: deletes runs that no version references.
struct GCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc", abstract: "Delete the runs no version references and no output links to.")

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Only report what would be deleted.")
    var dryRun = false

    @OptionGroup var lock: LockOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let location = try project.locate()
        let project = try Project(location: location)
        let held = try lock.acquire(location, command: "weir gc")
        defer { held.release() }
        let report = try project.collectGarbage(dryRun: dryRun)
        if json {
            let document: JSONValue = [
                "dry_run": .bool(report.dryRun),
                "removed": .array(
                    report.removed.map {
                        [
                            "run": .string($0.run), "stage": $0.stage.map(JSONValue.string) ?? .null,
                            "bytes": .int($0.bytes),
                        ]
                    }),
                "bytes_freed": .int(report.bytesFreed),
                "kept": .int(Int64(report.kept)),
                "leftovers": .int(Int64(report.leftovers)),
                "forgotten_hashes": .int(Int64(report.forgottenHashes)),
            ]
            Console.shared.write(document.prettyString())
            return
        }
        let verb = dryRun ? "Would delete" : "Deleted"
        for removal in report.removed {
            Console.shared.line(
                "\(verb) run \(removal.run.prefix(12)) (\(removal.stage ?? "?"), \(ByteCount.text(removal.bytes)))")
        }
        let leftovers = report.leftovers > 0 ? " and \(report.leftovers) unfinished run folder(s)" : ""
        Console.shared.line(
            "\(verb) \(report.removed.count) run(s)\(leftovers), \(dryRun ? "freeing" : "freed") \(ByteCount.text(report.bytesFreed)); kept \(report.kept)."
        )
    }
}
