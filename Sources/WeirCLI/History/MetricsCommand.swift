import ArgumentParser
import Foundation
import Weir

/// `weir metrics`: what each run cost (wall and CPU time, peak memory, bytes) and the metrics recorded for it.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Show wall time, CPU time, peak memory and output size per run, with recorded metrics.",
        discussion: """
            Without --name: one row per run, newest first, with a column for every other metric recorded for \
            those runs. With --name: every recorded value of that metric, oldest first.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: ArgumentHelp("Only runs of this stage.", valueName: "stage"))
    var stage: String?

    @Option(name: .customLong("run"), help: ArgumentHelp("Only this run (id or unique prefix).", valueName: "run"))
    var runIdentifier: String?

    @Option(help: ArgumentHelp("List the recorded values of this metric.", valueName: "name"))
    var name: String?

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let location = try project.locate()
        guard let store = try HistoryOutput.openStore(location, json: json, emptyMessage: "No metrics yet.") else {
            return
        }
        let runFilter = try runIdentifier.map { try HistoryIdentifiers.run($0, in: store) }
        if let name {
            try listMetric(name, run: runFilter, store: store)
            return
        }
        let runs = try runFilter.map { [$0] } ?? store.runs(stage: stage, limit: nil)
        let selected = runs.filter { stage == nil || $0.stage == stage }
        var recorded: [String: [String: MetricRecord]] = [:]
        for metric in try store.metrics(stage: stage, run: runFilter?.id, session: nil, name: nil) {
            guard let run = metric.run else { continue }
            recorded[run, default: [:]][metric.name] = metric
        }
        if json {
            HistoryOutput.printJSON(.array(selected.map { Self.json($0, metrics: recorded[$0.id] ?? [:]) }))
            return
        }
        if selected.isEmpty {
            print("No runs match.")
            return
        }
        // Metrics that repeat a built-in column are not shown twice (they stay in the JSON).
        let names = Set(selected.flatMap { (recorded[$0.id] ?? [:]).keys }).subtracting(Self.builtInNames).sorted()
        var table = TextTable(
            ["STAGE", "RUN", "STATUS", "STARTED (UTC)", "WALL", "CPU", "PEAK MEMORY", "OUTPUT", "FILES"]
                + names.map { $0.uppercased() },
            alignments: [.left, .left, .left, .left, .right, .right, .right, .right, .right]
                + names.map { _ in .right })
        for run in selected {
            let metrics = recorded[run.id] ?? [:]
            table.append(
                [
                    run.stage, HistoryFormat.shortRun(run.id), run.status.rawValue, HistoryFormat.time(run.startedAt),
                    HistoryFormat.duration(run.wallSeconds), HistoryFormat.duration(run.cpuSeconds),
                    HistoryFormat.bytes(run.peakMemoryBytes), HistoryFormat.bytes(run.outputBytes),
                    run.outputFiles.map(String.init) ?? "-",
                ] + names.map { name in metrics[name].map { Self.valueText($0) } ?? "-" })
        }
        print(table.rendered())
    }

    private func listMetric(_ name: String, run: RunRecord?, store: StateStore) throws {
        let metrics = try store.metrics(stage: stage, run: run?.id, session: nil, name: name)
        if json {
            HistoryOutput.printJSON(.array(metrics.map(Self.json)))
            return
        }
        if metrics.isEmpty {
            print("No values of metric '\(name)' match.")
            return
        }
        var table = TextTable(
            ["TIME (UTC)", "SESSION", "STAGE", "RUN", "VALUE"], alignments: [.left, .left, .left, .left, .right])
        for metric in metrics {
            table.append([
                HistoryFormat.time(metric.at), HistoryFormat.shortSession(metric.session), metric.stage ?? "-",
                metric.run.map(HistoryFormat.shortRun) ?? "-", Self.valueText(metric),
            ])
        }
        print(table.rendered())
    }

    /// Metric names that the WALL, CPU, PEAK MEMORY, OUTPUT and FILES columns already show.
    static let builtInNames: Set<String> = [
        "wall_time", "wall_seconds", "cpu_time", "cpu_seconds", "peak_memory", "peak_memory_bytes", "output_bytes",
        "output_files",
    ]

    static func valueText(_ metric: MetricRecord) -> String {
        HistoryFormat.measurement(metric.value, unit: metric.unit)
    }

    static func json(_ metric: MetricRecord) -> JSONDocument {
        .object([
            "id": JSONDocument(metric.id),
            "session": .string(metric.session),
            "stage": JSONDocument(metric.stage),
            "run": JSONDocument(metric.run),
            "name": .string(metric.name),
            "value": .number(metric.value),
            "unit": .string(metric.unit),
            "at": JSONDocument(time: metric.at),
        ])
    }

    static func json(_ run: RunRecord, metrics: [String: MetricRecord]) -> JSONDocument {
        .object([
            "run": .string(run.id),
            "stage": .string(run.stage),
            "status": .string(run.status.rawValue),
            "session": .string(run.session),
            "started_at": JSONDocument(time: run.startedAt),
            "finished_at": JSONDocument(time: run.finishedAt),
            "wall_seconds": JSONDocument(run.wallSeconds),
            "cpu_seconds": JSONDocument(run.cpuSeconds),
            "peak_memory_bytes": JSONDocument(run.peakMemoryBytes),
            "output_bytes": JSONDocument(run.outputBytes),
            "output_files": JSONDocument(run.outputFiles),
            "metrics": .object(
                metrics.mapValues { .object(["value": .number($0.value), "unit": .string($0.unit)]) }),
        ])
    }
}
