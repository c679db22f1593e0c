import Foundation
import Weir

/// `/runs`: every run, newest first, paged by cursor; `/runs/{id}`: one run in full.
struct RunsPage {
    let dashboard: Dashboard

    static let defaultLimit = 50
    static let maximumLimit = 500
    /// How much of each log the run page shows: its end.
    static let logTail = 64 * 1024

    struct Query {
        var stage: String?
        var status: RunStatus?
        var cursor: RunCursor?
        var limit: Int

        init(_ parameters: [String: String]) throws {
            stage = parameters["stage"].flatMap { $0.isEmpty ? nil : $0 }
            if let text = parameters["status"], !text.isEmpty {
                guard let status = RunStatus(rawValue: text) else {
                    throw DashboardError.badRequest(
                        "The status '\(text)' is not one of 'running', 'succeeded' or 'failed'.")
                }
                self.status = status
            }
            if let token = parameters["cursor"], !token.isEmpty {
                guard let cursor = RunCursor(token: token) else {
                    throw DashboardError.badRequest(
                        "The cursor '\(token)' is not one this server made. Start again from the first page.")
                }
                self.cursor = cursor
            }
            limit = RunsPage.defaultLimit
            if let text = parameters["limit"], !text.isEmpty {
                guard let value = Int(text), (1...RunsPage.maximumLimit).contains(value) else {
                    throw DashboardError.badRequest(
                        "The limit '\(text)' is invalid. Please give a number from 1 to \(RunsPage.maximumLimit).")
                }
                limit = value
            }
        }

        func link(cursor: RunCursor?) -> String {
            Link.to(
                "/runs",
                [
                    ("stage", stage), ("status", status?.rawValue), ("cursor", cursor?.token),
                    ("limit", limit == RunsPage.defaultLimit ? nil : String(limit)),
                ])
        }
    }

    func list(_ query: Query) throws -> RunPage {
        try dashboard.requireStore().runPage(
            stage: query.stage, status: query.status, after: query.cursor, limit: query.limit)
    }

    func page(_ query: Query) throws -> Page {
        let page = try list(query)
        let stages = (try? dashboard.pipeline().pipeline.stageNames) ?? []
        var body: HTML = "<form class=\"filters\" method=\"get\" action=\"/runs\"><label>Stage<select name=\"stage\">"
        body += "<option value=\"\">all stages</option>"
        for name in Set(stages + [query.stage].compactMap { $0 }).sorted() {
            body +=
                name == query.stage
                ? "<option selected value=\"\(name)\">\(name)</option>" : "<option value=\"\(name)\">\(name)</option>"
        }
        body += "</select></label><label>Status<select name=\"status\"><option value=\"\">any</option>"
        for status in RunStatus.allCases {
            body +=
                status == query.status
                ? "<option selected>\(status.rawValue)</option>" : "<option>\(status.rawValue)</option>"
        }
        body += "</select></label><button type=\"submit\">Show</button></form>"
        if page.runs.isEmpty {
            body += "<p class=\"notice\">No runs match.</p>"
        } else {
            body += Self.table(page.runs)
        }
        var pager: HTML = ""
        if query.cursor != nil { pager += "<a href=\"\(query.link(cursor: nil))\">« Newest</a>" }
        if let next = page.next { pager += "<a rel=\"next\" href=\"\(query.link(cursor: next))\">Older »</a>" }
        body += "<div class=\"pager\">\(pager)</div>"
        let api = Link.to(
            "/api/runs", [("stage", query.stage), ("status", query.status?.rawValue), ("cursor", query.cursor?.token)])
        return Page(title: "Runs", section: .runs, body: body, api: api)
    }

    static func table(_ runs: [RunRecord]) -> HTML {
        var rows: HTML = ""
        for run in runs {
            rows += """
                <tr><td>\(Format.time(run.startedAt))</td>\
                <td><a href="\(Link.to("/runs", [("stage", run.stage)]))">\(run.stage)</a></td>\
                <td><span class="badge s-\(run.status.rawValue)">\(run.status.rawValue)</span></td>\
                <td><a class="mono" href="/runs/\(run.id)">\(Format.shortID(run.id))</a></td>\
                <td class="num">\(Format.duration(run.wallSeconds))</td>\
                <td class="num">\(Format.bytes(run.peakMemoryBytes))</td>\
                <td class="num">\(Format.bytes(run.outputBytes))</td>\
                <td>\(reasonText(run.reasonsJSON))</td></tr>
                """
        }
        return """
            <table><thead><tr><th>Started</th><th>Stage</th><th>Status</th><th>Run</th><th class="num">Wall time</th>\
            <th class="num">Peak memory</th><th class="num">Output</th><th>Why it ran</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    /// The stored reasons as one line for people.
    static func reasonText(_ json: String) -> String {
        guard let value = try? JSONValue.parse(json), case .array(let items) = value else { return json }
        if items.isEmpty { return "–" }
        return items.map { item -> String in
            guard let kind = item["kind"]?.stringValue else { return item.displayText }
            switch kind {
            case "new-stage": return "new stage"
            case "missing-output": return "output missing"
            case "forced": return "forced"
            case "param-changed":
                return "param '\(item["name"]?.stringValue ?? "?")' changed \(text(item["old"])) → \(text(item["new"]))"
            case "command-changed":
                guard let option = item["option"]?.stringValue else { return "command changed" }
                return "option '\(option)' changed \(text(item["old"])) → \(text(item["new"]))"
            case "input-changed": return "input '\(item["path"]?.stringValue ?? "?")' changed"
            case "upstream-changed": return "upstream '\(item["stage"]?.stringValue ?? "?")' changed"
            default: return kind
            }
        }.joined(separator: "; ")
    }

    private static func text(_ value: JSONValue?) -> String {
        guard let value, value != .null else { return "none" }
        return value.displayText
    }

    static func json(_ run: RunRecord) -> JSONDocument {
        .object([
            "id": .string(run.id), "stage": .string(run.stage), "status": .string(run.status.rawValue),
            "session": .string(run.session), "started_at": .string(StateTime.format(run.startedAt)),
            "finished_at": run.finishedAt.map { .string(StateTime.format($0)) } ?? .null,
            "exit_code": run.exitCode.map { .integer(Int64($0)) } ?? .null,
            "output_hash": run.outputHash.map { .string($0) } ?? .null,
            "output_bytes": run.outputBytes.map { .integer($0) } ?? .null,
            "output_files": run.outputFiles.map { .integer($0) } ?? .null,
            "wall_seconds": run.wallSeconds.map { .number($0) } ?? .null,
            "cpu_seconds": run.cpuSeconds.map { .number($0) } ?? .null,
            "peak_memory_bytes": run.peakMemoryBytes.map { .integer($0) } ?? .null,
            "reasons": JSONDocument(parsingOrKeeping: run.reasonsJSON),
            "reason_text": .string(reasonText(run.reasonsJSON)),
        ])
    }

    func listJSON(_ query: Query) throws -> JSONDocument {
        let page = try list(query)
        return .object([
            "runs": .array(page.runs.map(Self.json)),
            "next": page.next.map { .string($0.token) } ?? .null,
            "limit": .integer(Int64(query.limit)),
        ])
    }
}
