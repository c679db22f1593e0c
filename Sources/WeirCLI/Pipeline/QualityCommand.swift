import ArgumentParser
import Foundation
import Weir

/// `weir quality [STAGE]`: the latest report of each quality stage (or of one), as a table or JSON.
struct QualityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Show the latest quality report of each quality stage, or of one.",
        discussion: """
            The report of the stage's current output (data/…/quality.json), or of its latest run if
            that run failed its rules (.weir/failed/STAGE/quality.json): the status, then one line
            per rule with its columns, severity, status and the failing count out of the total.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "A quality stage (default: all of them).")
    var stage: String?

    @Flag(help: "Print the report as JSON (one object per stage, by name, when no stage is given).")
    var json = false

    func run() throws {
        let location = try project.locate()
        let pipeline = try PipelineParser.load(location)
        let stages = pipeline.stages.filter { $0.kind == .quality }
        var chosen = stages
        if let stage {
            guard let found = stages.first(where: { $0.name == stage }) else {
                let names = stages.map { "'\($0.name)'" }.joined(separator: ", ")
                throw ValidationError(
                    "'\(stage)' is not a quality stage. "
                        + (names.isEmpty ? "The pipeline has none." : "The quality stages are \(names)."))
            }
            chosen = [found]
        }
        var reports: [(String, String?)] = []
        for stage in chosen { reports.append((stage.name, Self.latestReport(stage, project: location))) }
        if json {
            if stage != nil {
                Console.shared.write(reports[0].1 ?? "null\n")
            } else {
                let members = reports.map { "\"\($0.0)\": " + ($0.1?.trimmingCharacters(in: .newlines) ?? "null") }
                Console.shared.write("{" + members.joined(separator: ", ") + "}\n")
            }
            return
        }
        var text = ""
        for (name, report) in reports {
            text += Self.table(name, report: report)
        }
        Console.shared.write(text.isEmpty ? "No quality stages.\n" : text)
    }

    /// The newer of the current output's report and the latest failed run's.
    static func latestReport(_ stage: StageDefinition, project: ProjectLocation) -> String? {
        let current = project.absolute(stage.out) + "/quality.json"
        let failed = project.root + "/.weir/failed/\(stage.name)/quality.json"
        func modified(_ path: String) -> Date? {
            (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        }
        let candidates = [current, failed].compactMap { path in modified(path).map { (path, $0) } }
        guard let newest = candidates.max(by: { $0.1 < $1.1 }) else { return nil }
        return try? String(contentsOfFile: newest.0, encoding: .utf8)
    }

    static func table(_ name: String, report: String?) -> String {
        guard let report, let data = report.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return "\(name): no report yet (run 'weir run \(name)')\n\n" }
        var table = TextTable(
            ["rule", "columns", "severity", "status", "failed", "total"],
            alignments: [.left, .left, .left, .left, .right, .right])
        for rule in object["rules"] as? [[String: Any]] ?? [] {
            table.append([
                rule["check"] as? String ?? "", (rule["columns"] as? [String] ?? []).joined(separator: ","),
                rule["severity"] as? String ?? "", rule["status"] as? String ?? "",
                "\(rule["failed"] as? Int ?? 0)", "\(rule["total"] as? Int ?? 0)",
            ])
        }
        return "\(name): status: \(object["status"] as? String ?? "?")\n" + table.rendered() + "\n\n"
    }
}
