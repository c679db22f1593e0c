import Foundation
import Weir

/// `/metrics`: wall time, rows and peak memory per stage over its runs, as SVG charts.
struct MetricsPage {
    let dashboard: Dashboard

    /// How many of each stage's latest runs a chart shows.
    static let defaultRuns = 200

    enum Measure: String, CaseIterable {
        case wallTime = "wall_time"
        case rows
        case peakMemory = "peak_memory"

        var title: String {
            switch self {
            case .wallTime: "Wall time"
            case .rows: "Rows"
            case .peakMemory: "Peak memory"
            }
        }

        func format(_ value: Double) -> String {
            switch self {
            case .wallTime: Format.duration(value)
            case .rows: Format.count(Int64(value.rounded()))
            case .peakMemory: Format.bytes(Int64(value.rounded()))
            }
        }
    }

    func series(stage: String, measure: Measure, limit: Int, store: StateStore) throws -> [RunMeasure] {
        switch measure {
        case .wallTime: try store.runSeries(stage: stage, column: .wallSeconds, limit: limit)
        case .peakMemory: try store.runSeries(stage: stage, column: .peakMemoryBytes, limit: limit)
        case .rows:
            // An ingest stage counts the rows it staged; a stage may also record `rows` itself.
            try {
                let staged = try store.metricSeries(stage: stage, name: "rows_staged", limit: limit)
                return staged.isEmpty ? try store.metricSeries(stage: stage, name: "rows", limit: limit) : staged
            }()
        }
    }

    func stages(_ store: StateStore, only: String?) throws -> [String] {
        if let only { return [only] }
        let declared = (try? dashboard.pipeline().pipeline.stageNames) ?? []
        let recorded = try store.runCounts().keys.sorted()
        return declared + recorded.filter { !declared.contains($0) }
    }

    static func limit(_ parameters: [String: String]) throws -> Int {
        guard let text = parameters["runs"], !text.isEmpty else { return defaultRuns }
        guard let value = Int(text), (1...5000).contains(value) else {
            throw DashboardError.badRequest(
                "The number of runs '\(text)' is invalid. Please give a number from 1 to 5000.")
        }
        return value
    }

    func page(stage: String?, limit: Int) throws -> Page {
        let store = try dashboard.requireStore()
        var body: HTML = "<p class=\"muted\">The latest \(limit) runs of each stage; each point links to its run.</p>"
        for name in try stages(store, only: stage) {
            var charts: HTML = ""
            for measure in Measure.allCases {
                let points = try series(stage: name, measure: measure, limit: limit, store: store).map { point in
                    LineChart.Point(
                        value: point.value,
                        label:
                            "run \(Format.shortID(point.run)) · \(Format.time(point.startedAt)) · \(measure.format(point.value))",
                        link: "/runs/" + point.run)
                }
                charts += LineChart(title: measure.title, points: points, format: measure.format).render()
            }
            body += """
                <h2><a href="\(Link.to("/metrics", [("stage", name)]))">\(name)</a></h2><div class="charts">\(charts)</div>
                """
        }
        return Page(
            title: stage.map { "Metrics of \($0)" } ?? "Metrics", section: .metrics, body: body,
            api: Link.to("/api/metrics", [("stage", stage)]))
    }

    func json(stage: String?, limit: Int) throws -> JSONDocument {
        let store = try dashboard.requireStore()
        var byStage: [String: JSONDocument] = [:]
        for name in try stages(store, only: stage) {
            var measures: [String: JSONDocument] = [:]
            for measure in Measure.allCases {
                measures[measure.rawValue] = .array(
                    try series(stage: name, measure: measure, limit: limit, store: store).map {
                        .object([
                            "run": .string($0.run), "at": .string(StateTime.format($0.startedAt)),
                            "value": .number($0.value),
                        ])
                    })
            }
            byStage[name] = .object(measures)
        }
        return .object(["stages": .object(byStage), "runs": .integer(Int64(limit))])
    }
}
