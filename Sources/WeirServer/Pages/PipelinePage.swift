import Foundation
import Weir

/// `/`: the DAG with each stage's state and why, and live progress; `/api/pipeline`, `/api/status`.
struct PipelinePage {
    let dashboard: Dashboard

    struct Stage {
        var definition: StageDefinition
        var plan: StagePlan?
        var live: LiveSnapshot.StageProgress?
        var runs: Int
    }

    struct Model {
        var stages: [Stage]
        /// Why the plan could not be computed (a missing input …); the graph is still drawn.
        var statusError: String?
        var live: LiveSnapshot
        var storeError: String?
    }

    func model() throws -> Model {
        let project = try dashboard.pipeline()
        var storeError: String?
        var store: StateStore?
        do {
            store = try dashboard.store()
        } catch {
            storeError = Responses.describe(error).2
        }
        var plans: [String: StagePlan] = [:]
        var statusError: String?
        do {
            for plan in try project.status(readingFrom: store) { plans[plan.stage] = plan }
        } catch {
            statusError = Responses.describe(error).2
        }
        let live = (try? LiveSnapshot.read(store)) ?? .none
        let counts = (try? store?.runCounts()) ?? [:]
        let stages = project.pipeline.stages.map { definition in
            Stage(
                definition: definition, plan: plans[definition.name],
                live: live.running ? live.stages[definition.name] : nil, runs: counts[definition.name] ?? 0)
        }
        return Model(stages: stages, statusError: statusError, live: live, storeError: storeError)
    }

    /// The state shown for a stage: the live one while its session runs, else the plan's.
    static func state(_ stage: Stage) -> String {
        if let live = stage.live { return live.state }
        return stage.plan?.state.rawValue ?? "unknown"
    }

    static func stateLabel(_ stage: Stage) -> String {
        if let live = stage.live {
            return live.progress.map(LiveSnapshot.text) ?? live.state
        }
        guard let plan = stage.plan else { return "unknown" }
        switch plan.state {
        case .upToDate: return "up to date"
        case .willRun: return "will run"
        case .willReuse: return "will reuse " + (plan.run.map(Format.shortID) ?? "")
        }
    }

    static func reasons(_ stage: Stage) -> String {
        stage.plan?.reasons.map(\.text).joined(separator: "; ") ?? ""
    }

    func page() throws -> Page {
        let model = try model()
        var body: HTML = ""
        if let error = model.storeError { body += "<div class=\"notice error\" role=\"alert\">\(error)</div>" }
        if let error = model.statusError {
            body += "<div class=\"notice error\" role=\"alert\">The status cannot be computed: \(error)</div>"
        }
        body += liveBanner(model.live)
        let drawing = DagDrawing(
            nodes: model.stages.map { stage in
                DagDrawing.Node(
                    name: stage.definition.name, upstream: stage.definition.upstreamStages, state: Self.state(stage),
                    label: Self.stateLabel(stage), detail: Self.reasons(stage),
                    link: Link.to("/runs", [("stage", stage.definition.name)]))
            })
        body += "<div class=\"graph\">\(drawing.render())</div>"
        body += "<h2>Stages</h2><table><thead><tr><th>Stage</th><th>Kind</th><th>State</th><th>Why</th>"
        body += "<th>Current run</th><th>Progress</th><th class=\"num\">Runs</th></tr></thead><tbody>"
        for stage in model.stages {
            let name = stage.definition.name
            let state = Self.state(stage)
            let run: HTML =
                stage.plan?.run.map { "<a class=\"mono\" href=\"/runs/\($0)\">\(Format.shortID($0))</a>" } ?? "–"
            let progress = stage.live?.progress
            let width = progress.flatMap(LiveSnapshot.fraction).map { HTML.number($0 * 100) } ?? "0"
            body += """
                <tr><td><a href="\(Link.to("/runs", [("stage", name)]))">\(name)</a></td>\
                <td>\(stage.definition.kind.rawValue)</td>\
                <td><span class="badge s-\(state)" data-state-stage="\(name)">\(state)</span></td>\
                <td>\(Self.reasons(stage))</td><td>\(run)</td>\
                <td><span class="bar"><span data-progress-bar="\(name)" style="width:\(width)%"></span></span>\
                <span data-progress-stage="\(name)">\(progress.map(LiveSnapshot.text) ?? "")</span></td>\
                <td class="num">\(stage.runs)</td></tr>
                """
        }
        body += "</tbody></table>"
        body += events(model.live)
        return Page(
            title: "Pipeline", section: .pipeline, body: body, api: "/api/pipeline", live: true,
            running: model.live.running)
    }

    private func liveBanner(_ live: LiveSnapshot) -> HTML {
        guard let session = live.session else {
            return "<p class=\"notice\" id=\"live-status\">No session recorded yet.</p>"
        }
        let state = live.running ? "running" : session.status.rawValue
        let summary: HTML = session.summary.map { " — \($0)" } ?? ""
        return """
            <p class="notice" id="live-status">\(live.running ? "Session" : "Latest session") \
            <span class="mono">\(String(session.id.prefix(8)))</span> (\(session.command)) by \(session.user)@\(session.host), \
            started \(Format.time(session.startedAt)): <span class="badge s-\(state)">\(state)</span>\(summary)</p>
            """
    }

    private func events(_ live: LiveSnapshot) -> HTML {
        guard !live.events.isEmpty else { return "" }
        var rows: HTML = ""
        for event in live.events.reversed() {
            rows += """
                <tr><td>\(Format.time(event.at))</td><td>\(event.level.rawValue)</td><td>\(event.stage ?? "–")</td>\
                <td>\(event.message)</td></tr>
                """
        }
        return """
            <h2>Latest events</h2><table><thead><tr><th>At</th><th>Level</th><th>Stage</th><th>Message</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    func json() throws -> JSONDocument {
        let model = try model()
        return .object([
            "stages": .array(
                model.stages.map { stage in
                    let definition = stage.definition
                    return .object([
                        "stage": .string(definition.name),
                        "kind": .string(definition.kind.rawValue),
                        "state": .string(Self.state(stage)),
                        "planned_state": stage.plan.map { .string($0.state.rawValue) } ?? .null,
                        "reasons": .array((stage.plan?.reasons ?? []).map { JSONDocument($0.json) }),
                        "reason_texts": .array((stage.plan?.reasons ?? []).map { .string($0.text) }),
                        "run": stage.plan?.run.map { .string($0) } ?? .null,
                        "upstream": .array(definition.upstreamStages.map { .string($0) }),
                        "inputs": .array(definition.deps.compactMap(\.path).map { .string($0) }),
                        "out": .string(definition.out),
                        "runs": .integer(Int64(stage.runs)),
                    ])
                }),
            "status_error": model.statusError.map { .string($0) } ?? .null,
            "store_error": model.storeError.map { .string($0) } ?? .null,
            "live": model.live.json,
        ])
    }

    /// Exactly what `weir status --json` prints.
    func status() throws -> String {
        let plans = try dashboard.pipeline().status(readingFrom: try dashboard.store())
        return JSONValue.array(plans.map(\.json)).prettyString()
    }
}
