import Foundation
import Weir

/// `/runs/{id}`: a run's reasons, fingerprint, timings, outputs, logs and metrics.
struct RunDetailPage {
    let dashboard: Dashboard

    struct Model {
        var run: RunRecord
        var metrics: [MetricRecord]
        var versions: [Int64]
        var success: SuccessRecord?
        var logs: [(name: String, text: String, truncated: Bool)]
        var ingestSummary: JSONDocument?
        /// The `quality.json` of a quality stage's run.
        var qualityReport: [String: Any]?
    }

    func model(_ id: String) throws -> Model {
        let store = try dashboard.requireStore()
        let run: RunRecord
        do {
            guard let found = try store.run(id) else {
                throw DashboardError.notFound("No run '\(id)' is recorded. See the list of runs.")
            }
            run = found
        } catch let error as InvalidIdentifierError {
            throw DashboardError.notFound(error.description)
        } catch let error as AmbiguousIdentifierError {
            throw DashboardError.badRequest(error.description)
        }
        let runs = RunStore(project: dashboard.project)
        let success = runs.isCommitted(run.id) ? try? runs.record(run.id) : nil
        let latestFailed = run.status == .failed ? (try store.latestFailedRun(stage: run.stage)) == run.id : false
        var logs: [(String, String, Bool)] = []
        var ingestSummary: JSONDocument?
        var qualityReport: [String: Any]?
        if let folder = RunLogs.locate(run, project: dashboard.project, latestFailed: latestFailed) {
            for (name, path) in [("stdout", folder.stdoutPath), ("stderr", folder.stderrPath)] {
                if let (text, truncated) = Self.tail(path, bytes: RunsPage.logTail) {
                    logs.append((name, text, truncated))
                }
            }
            if let data = FileManager.default.contents(atPath: folder.ingestSummaryPath) {
                ingestSummary = JSONDocument(parsing: String(decoding: data, as: UTF8.self))
            }
            if let data = FileManager.default.contents(atPath: folder.qualityReportPath) {
                qualityReport = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            }
        }
        var model = Model(
            run: run, metrics: try store.metrics(stage: nil, run: run.id, session: nil, name: nil),
            versions: try store.versions(holding: run.id), success: success, logs: logs, ingestSummary: ingestSummary)
        model.qualityReport = qualityReport
        return model
    }

    /// The last `bytes` of a file as text, and whether the start was cut; nil when it cannot be read.
    static func tail(_ path: String, bytes limit: Int) -> (String, Bool)? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return nil }
        let start = size > UInt64(limit) ? size - UInt64(limit) : 0
        try? handle.seek(toOffset: start)
        let data = (try? handle.readToEnd()) ?? Data()
        var bytes = Array(data)
        if start > 0, let newline = bytes.firstIndex(of: 0x0A) { bytes.removeFirst(newline + 1) }
        return (String(decoding: bytes, as: UTF8.self), start > 0)
    }

    func page(_ id: String) throws -> Page {
        let model = try model(id)
        let run = model.run
        var body: HTML = """
            <table><tbody>
            <tr><th>Run</th><td class="mono">\(run.id)</td></tr>
            <tr><th>Stage</th><td><a href="\(Link.to("/runs", [("stage", run.stage)]))">\(run.stage)</a></td></tr>
            <tr><th>Status</th><td><span class="badge s-\(run.status.rawValue)">\(run.status.rawValue)</span>\
            \(run.exitCode.map { " exit code \($0)" } ?? "")</td></tr>
            <tr><th>Why it ran</th><td>\(RunsPage.reasonText(run.reasonsJSON))</td></tr>
            <tr><th>Session</th><td class="mono">\(run.session)</td></tr>
            <tr><th>Started</th><td>\(Format.time(run.startedAt))</td></tr>
            <tr><th>Finished</th><td>\(Format.time(run.finishedAt))</td></tr>
            <tr><th>Wall time</th><td>\(Format.duration(run.wallSeconds))</td></tr>
            <tr><th>CPU time</th><td>\(Format.duration(run.cpuSeconds))</td></tr>
            <tr><th>Peak memory</th><td>\(Format.bytes(run.peakMemoryBytes))</td></tr>
            <tr><th>Output</th><td>\(run.outputFiles.map { "\($0) files, " } ?? "")\(Format.bytes(run.outputBytes))\
            \(run.outputHash.map { ", hash " + $0 } ?? "")</td></tr>
            <tr><th>Versions</th><td>\(versionLinks(model.versions))</td></tr>
            </tbody></table>
            """
        if let success = model.success {
            var rows: HTML = ""
            for file in success.files {
                rows += """
                    <tr><td class="mono">\(file.path)</td><td class="num">\(Format.bytes(file.size))</td>\
                    <td class="mono">\(file.link.map { "→ " + $0 } ?? file.sha256)</td></tr>
                    """
            }
            body += """
                <h2>Outputs</h2><p class="muted">From <code>.weir/runs/\(run.id)/_SUCCESS</code>, committed \
                \(Format.time(success.finishedAt)).</p>
                <table><thead><tr><th>Path</th><th class="num">Size</th><th>SHA-256</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        } else {
            body +=
                "<h2>Outputs</h2><p class=\"muted\">No committed folder for this run (failed, running, or removed by 'weir gc').</p>"
        }
        if !model.metrics.isEmpty {
            var rows: HTML = ""
            for metric in model.metrics {
                rows += "<tr><td>\(metric.name)</td><td class=\"num\">\(Self.value(metric))</td></tr>"
            }
            body +=
                "<h2>Metrics</h2><table><thead><tr><th>Name</th><th class=\"num\">Value</th></tr></thead><tbody>\(rows)</tbody></table>"
        }
        if let summary = model.ingestSummary {
            body += "<h2>Ingest summary</h2><pre>\(summary.rendered(pretty: true))</pre>"
        }
        if let report = model.qualityReport { body += Self.quality(report) }
        body += "<h2>Logs</h2>"
        if model.logs.isEmpty { body += "<p class=\"muted\">No captured output is kept for this run.</p>" }
        for log in model.logs {
            let cut: HTML = log.truncated ? " <span class=\"muted\">(the last 64 KiB)</span>" : ""
            body += "<h3>\(log.name)\(cut)</h3><pre>\(log.text.isEmpty ? "(empty)" : log.text)</pre>"
        }
        body += """
            <h2>Fingerprint</h2><pre>\(JSONDocument(parsingOrKeeping: run.fingerprintJSON).rendered(pretty: true))</pre>
            """
        return Page(
            title: "Run \(Format.shortID(run.id)) of \(run.stage)", section: .runs, body: body,
            api: "/api/runs/\(run.id)")
    }

    /// A quality report: its status, then one row per rule.
    static func quality(_ report: [String: Any]) -> HTML {
        let status = report["status"] as? String ?? "?"
        var rows: HTML = ""
        for rule in report["rules"] as? [[String: Any]] ?? [] {
            let ruleStatus = rule["status"] as? String ?? "?"
            let columns = (rule["columns"] as? [String] ?? []).joined(separator: ", ")
            rows += """
                <tr><td>\(rule["check"] as? String ?? "")</td><td>\(columns)</td><td>\(rule["severity"] as? String ?? "")</td>\
                <td><span class="badge q-\(ruleStatus)">\(ruleStatus)</span></td>\
                <td class="num">\(String(rule["failed"] as? Int ?? 0))</td><td class="num">\(String(rule["total"] as? Int ?? 0))</td></tr>
                """
        }
        return """
            <h2>Quality report: <span class="badge q-\(status)">\(status)</span></h2>
            <table><thead><tr><th>Rule</th><th>Columns</th><th>Severity</th><th>Status</th><th class="num">Failed</th>\
            <th class="num">Total</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    private func versionLinks(_ versions: [Int64]) -> HTML {
        if versions.isEmpty { return "none" }
        return HTML(joining: versions.map { "<a href=\"/versions/\($0)\">v\($0)</a>" }, separator: ", ")
    }

    static func value(_ metric: MetricRecord) -> String {
        switch metric.unit {
        case "bytes": return Format.bytes(Int64(metric.value))
        case "s": return Format.duration(metric.value)
        default:
            let number =
                metric.value == metric.value.rounded() ? Format.count(Int64(metric.value)) : String(metric.value)
            return number + " " + metric.unit
        }
    }

    func json(_ id: String) throws -> JSONDocument {
        let model = try model(id)
        guard case .object(var members) = RunsPage.json(model.run) else { return .null }
        members["fingerprint"] = JSONDocument(parsingOrKeeping: model.run.fingerprintJSON)
        members["versions"] = .array(model.versions.map { .integer($0) })
        members["metrics"] = .array(
            model.metrics.map { metric in
                .object(["name": .string(metric.name), "value": .number(metric.value), "unit": .string(metric.unit)])
            })
        members["outputs"] =
            model.success.map { success in
                .array(
                    success.files.map { file in
                        .object([
                            "path": .string(file.path), "size": .integer(file.size), "sha256": .string(file.sha256),
                            "link": file.link.map { .string($0) } ?? .null,
                        ])
                    })
            } ?? .null
        members["logs"] = .object(
            Dictionary(
                uniqueKeysWithValues: model.logs.map {
                    ($0.name, JSONDocument.object(["text": .string($0.text), "truncated": .bool($0.truncated)]))
                }))
        members["ingest_summary"] = model.ingestSummary ?? .null
        return .object(members)
    }
}
