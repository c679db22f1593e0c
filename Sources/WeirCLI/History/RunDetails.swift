import Foundation
import Weir

/// Everything `weir show RUN` tells about a run: the store's record, its metrics, the versions that use
/// it, and the `_SUCCESS` record of its folder when there is one.
struct RunDetails {
    let run: RunRecord
    let store: StateStore
    let project: ProjectLocation

    func print(json: Bool) throws {
        let metrics = try store.metrics(stage: nil, run: run.id, session: nil, name: nil)
        let versions = try store.versions().filter { $0.stages.values.contains(run.id) }.map(\.id)
        let success = readSuccessRecord()
        let reasons = JSONDocument(parsingOrKeeping: run.reasonsJSON)
        let fingerprint = JSONDocument(parsingOrKeeping: run.fingerprintJSON)
        if json {
            HistoryOutput.printJSON(
                .object([
                    "kind": .string("run"),
                    "id": .string(run.id),
                    "stage": .string(run.stage),
                    "status": .string(run.status.rawValue),
                    "session": .string(run.session),
                    "started_at": JSONDocument(time: run.startedAt),
                    "finished_at": JSONDocument(time: run.finishedAt),
                    "exit_code": JSONDocument(run.exitCode.map { Int64($0) }),
                    "output_hash": JSONDocument(run.outputHash),
                    "output_bytes": JSONDocument(run.outputBytes),
                    "output_files": JSONDocument(run.outputFiles),
                    "wall_seconds": JSONDocument(run.wallSeconds),
                    "cpu_seconds": JSONDocument(run.cpuSeconds),
                    "peak_memory_bytes": JSONDocument(run.peakMemoryBytes),
                    "slurm_job": JSONDocument(run.slurmJob),
                    "reasons": reasons,
                    "fingerprint": fingerprint,
                    "metrics": .array(metrics.map(MetricsCommand.json)),
                    "versions": .array(versions.map { .integer($0) }),
                    "success": success ?? .null,
                    "quality": qualityReport().map { JSONDocument(parsingOrKeeping: $0) } ?? .null,
                ]))
            return
        }
        var lines = ["Run \(run.id)"]
        lines.append("Stage:        \(run.stage)")
        lines.append("Status:       \(run.status.rawValue)" + (run.exitCode.map { " (exit code \($0))" } ?? ""))
        lines.append("Session:      \(run.session)")
        if let job = run.slurmJob { lines.append("Slurm job:    \(job)") }
        lines.append("Started:      \(StateTime.display(run.startedAt))")
        lines.append("Finished:     " + (run.finishedAt.map(StateTime.display) ?? "-"))
        lines.append(
            "Wall time:    \(HistoryFormat.duration(run.wallSeconds))    CPU time: \(HistoryFormat.duration(run.cpuSeconds))"
                + "    Peak memory: \(HistoryFormat.bytes(run.peakMemoryBytes))")
        lines.append(
            "Output:       \(run.outputFiles.map { $0 == 1 ? "1 file" : "\($0) files" } ?? "-"), "
                + HistoryFormat.bytes(run.outputBytes)
                + (run.outputHash.map { ", hash \($0)" } ?? ""))
        lines.append("Versions:     " + (versions.isEmpty ? "none" : versions.map { "v\($0)" }.joined(separator: ", ")))

        lines.append("")
        lines.append("Reasons:")
        lines.append(contentsOf: Self.reasonLines(reasons).map { "  " + $0 })

        if !metrics.isEmpty {
            lines.append("")
            lines.append("Metrics:")
            var table = TextTable(["NAME", "VALUE"], alignments: [.left, .right])
            for metric in metrics { table.append([metric.name, MetricsCommand.valueText(metric)]) }
            lines.append(contentsOf: table.rendered().split(separator: "\n").map { "  " + $0 })
        }

        if let files = success.flatMap(Self.outputFiles), !files.isEmpty {
            lines.append("")
            lines.append("Output files (from .weir/runs/\(run.id)/_SUCCESS):")
            var table = TextTable(["PATH", "SIZE", "SHA-256"], alignments: [.left, .right, .left])
            for file in files {
                let size = (file["size"] ?? file["bytes"])?.integerValue
                let hash = (file["sha256"] ?? file["hash"])?.stringValue ?? "-"
                table.append([file["path"]?.stringValue ?? "?", HistoryFormat.bytes(size), hash])
            }
            lines.append(contentsOf: table.rendered().split(separator: "\n").map { "  " + $0 })
        }

        if let report = qualityReport() {
            lines.append("")
            lines.append(
                contentsOf: QualityCommand.table("Quality report", report: report).split(separator: "\n").map {
                    "  " + $0
                })
        }

        lines.append("")
        lines.append("Fingerprint:")
        lines.append(contentsOf: fingerprint.rendered(pretty: true).split(separator: "\n").map { "  " + $0 })
        Swift.print(lines.joined(separator: "\n"))
    }

    /// The `quality.json` a quality stage's run keeps with its logs (a failed one's too, while it is
    /// the stage's latest failure); nil for other runs.
    private func qualityReport() -> String? {
        let committed = project.runsDirectory + "/" + run.id + "/_logs/quality.json"
        if let text = try? String(contentsOfFile: committed, encoding: .utf8) { return text }
        guard run.status == .failed, (try? store.latestFailedRun(stage: run.stage)) == run.id else { return nil }
        return try? String(contentsOfFile: project.root + "/.weir/failed/\(run.stage)/quality.json", encoding: .utf8)
    }

    /// The `_SUCCESS` record of the run's folder, read as plain JSON; nil when absent or unreadable.
    private func readSuccessRecord() -> JSONDocument? {
        let path = project.runsDirectory + "/" + run.id + "/_SUCCESS"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return JSONDocument(parsing: String(decoding: data, as: UTF8.self))
    }

    /// The first array in `record` (breadth first) whose elements are all objects with a string `path`.
    static func outputFiles(_ record: JSONDocument) -> [JSONDocument]? {
        var queue = [record]
        var index = 0
        while index < queue.count {
            let value = queue[index]
            index += 1
            switch value {
            case .array(let elements):
                if !elements.isEmpty, elements.allSatisfy({ $0["path"]?.stringValue != nil }) { return elements }
                queue.append(contentsOf: elements)
            case .object(let members):
                queue.append(contentsOf: members.keys.sorted().map { members[$0]! })
            default:
                break
            }
        }
        return nil
    }

    /// One line per reason object (SPEC §10 kinds get a sentence; others show their fields).
    static func reasonLines(_ reasons: JSONDocument) -> [String] {
        guard case .array(let items) = reasons else { return [HistoryFormat.json(reasons)] }
        if items.isEmpty { return ["none recorded"] }
        return items.map { item in
            guard case .object(var fields) = item, let kind = fields.removeValue(forKey: "kind")?.stringValue else {
                return HistoryFormat.json(item)
            }
            switch kind {
            case "new-stage": return "new stage"
            case "missing-output": return "output missing"
            case "command-changed":
                guard let option = fields["option"]?.stringValue else { return "command changed" }
                return
                    "option '\(option)' changed: \(HistoryFormat.json(fields["old"])) → \(HistoryFormat.json(fields["new"]))"
            case "forced": return "forced"
            case "param-changed":
                let name = fields["name"]?.stringValue ?? "?"
                return
                    "param '\(name)' changed: \(HistoryFormat.json(fields["old"])) → \(HistoryFormat.json(fields["new"]))"
            case "input-changed": return "input '\(fields["path"]?.stringValue ?? "?")' changed"
            case "upstream-changed": return "upstream stage '\(fields["stage"]?.stringValue ?? "?")' changed"
            default:
                let details = fields.keys.sorted().map { "\($0): \(HistoryFormat.json(fields[$0]))" }
                return details.isEmpty ? kind : "\(kind) (\(details.joined(separator: ", ")))"
            }
        }
    }
}
