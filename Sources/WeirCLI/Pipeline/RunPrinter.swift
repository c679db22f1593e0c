import Foundation
import Weir

/// Shows a run as it happens and sums it up.
enum RunPrinter {
    static func show(_ event: RunEvent) {
        switch event {
        case .started(let plan):
            Console.shared.line("\(plan.stage): running — " + plan.reasons.map(\.text).joined(separator: "; "))
        case .warning(let text):
            Console.shared.line("warning: " + text, to: .error)
        case .finished(let result):
            Console.shared.line(line(result), to: result.succeeded ? .output : .error)
        }
    }

    static func line(_ result: StageResult) -> String {
        switch result.outcome {
        case .upToDate: return "\(result.stage): up to date"
        case .reused(let run):
            let because = result.plan.reasons.map(\.text).joined(separator: "; ")
            return "\(result.stage): reused run \(run.prefix(12))" + (because.isEmpty ? "" : " — " + because)
        case .ran(let run, _, let identical):
            let time = result.wallSeconds.map { String(format: " in %.2fs", $0) } ?? ""
            let same = identical ? ", output identical to the committed run" : ""
            return "\(result.stage): done\(time) → run \(run.prefix(12))\(same)"
        case .failed(_, let message): return "\(result.stage): failed — \(message)"
        case .skipped(let upstream): return "\(result.stage): skipped because '\(upstream)' did not succeed"
        case .cancelled: return "\(result.stage): not started (interrupted)"
        }
    }

    static func summarize(_ report: RunReport, json: Bool) {
        if json {
            Console.shared.write(document(report).prettyString())
            return
        }
        guard report.succeeded else { return }
        if let version = report.version {
            let parent = version.parent.map { " (parent v\($0))" } ?? ""
            let with =
                version.overrides.isEmpty ? "" : " with " + version.overrides.map(\.text).joined(separator: ", ")
            Console.shared.line("Recorded \(version.name)\(parent)\(with).")
        } else if let head = report.unchangedHead {
            Console.shared.line("Nothing changed; the head stays at v\(head).")
        }
    }

    static func document(_ report: RunReport) -> JSONValue {
        let stages: [JSONValue] = report.results.map { result in
            var object: [String: JSONValue] = [
                "stage": .string(result.stage), "outcome": .string(outcome(result.outcome)),
                "reasons": .array(result.plan.reasons.map(\.json)),
            ]
            if let run = result.run { object["run"] = .string(run) }
            if case .failed(let status, let message) = result.outcome {
                object["status"] = .int(Int64(status))
                object["message"] = .string(message)
            }
            if let seconds = result.wallSeconds { object["wall_seconds"] = .double(seconds) }
            return .object(object)
        }
        return [
            "succeeded": .bool(report.succeeded),
            "session": report.session.map(JSONValue.string) ?? .null,
            "version": report.version.map { .int($0.id) } ?? .null,
            "head": (report.version?.id ?? report.unchangedHead).map(JSONValue.int) ?? .null,
            "overrides": report.version?.overrides.json ?? .array([]),
            "stages": .array(stages),
        ]
    }

    static func outcome(_ outcome: StageResult.Outcome) -> String {
        switch outcome {
        case .upToDate: "up-to-date"
        case .reused: "reused"
        case .ran: "ran"
        case .failed: "failed"
        case .skipped: "skipped"
        case .cancelled: "cancelled"
        }
    }
}
