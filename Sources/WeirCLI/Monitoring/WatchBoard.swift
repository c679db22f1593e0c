import Foundation
import Weir

/// What `weir watch` knows of a session's stages: which run now, their latest progress and rate.
///
/// A pure state: it takes the records in the order they were recorded and answers questions; the
/// outputs decide how to show it.
struct WatchBoard {
    struct Stage {
        var name: String
        var startedAt: Date?
        var latest: ProgressRecord?
        /// The point a rate is measured from: the stage's start, else its first progress record.
        var baseline: (done: Int64, at: Date)?
        var running = false
    }

    /// Stages in the order they first appeared.
    private(set) var order: [String] = []
    private(set) var stages: [String: Stage] = [:]
    /// The session's own progress (stages finished of stages selected).
    private(set) var overall: ProgressRecord?

    /// Event kinds after which a stage is no longer running.
    static let endingKinds: Set<String> = [
        "stage-succeeded", "stage-failed", "stage-skipped", "stage-up-to-date", "stage-reused",
    ]

    mutating func apply(_ event: EventRecord) {
        guard let name = event.stage else { return }
        if event.kind == "stage-started" {
            var stage = Stage(name: name)
            stage.startedAt = event.at
            stage.baseline = (0, event.at)
            stage.running = true
            put(stage)
        } else if Self.endingKinds.contains(event.kind) {
            var stage = stages[name] ?? Stage(name: name)
            stage.running = false
            put(stage)
        }
    }

    mutating func apply(_ record: ProgressRecord) {
        guard let name = record.stage else {
            overall = record
            return
        }
        var stage = stages[name] ?? Stage(name: name)
        if stage.baseline == nil || stage.latest?.unit != record.unit && stage.latest != nil {
            stage.baseline = (record.done, record.at)
        }
        stage.latest = record
        put(stage)
    }

    private mutating func put(_ stage: Stage) {
        if stages[stage.name] == nil { order.append(stage.name) }
        stages[stage.name] = stage
    }

    /// The running stages, in the order they started.
    var running: [Stage] { order.compactMap { stages[$0] }.filter(\.running) }

    /// Units counted per second of a stage's latest record; nil for elapsed time or too short a span.
    func rate(of name: String) -> Double? {
        guard let stage = stages[name], let latest = stage.latest, latest.unit != "seconds",
            let baseline = stage.baseline
        else { return nil }
        let span = latest.at.timeIntervalSince(baseline.at)
        guard span >= 0.2, latest.done >= baseline.done else { return nil }
        return Double(latest.done - baseline.done) / span
    }
}

/// How `weir watch` writes numbers and progress for people.
enum WatchFormat {
    /// `12,345`.
    static func count(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// `15:02:11` (UTC, as the history commands).
    static func clock(_ date: Date) -> String {
        String(HistoryFormat.time(date).suffix(8))
    }

    /// `350 files/s`, `2.5 files/s`.
    static func rate(_ value: Double, unit: String) -> String {
        (value >= 10 ? String(format: "%.0f", value) : String(format: "%.1f", value)) + " \(unit)/s"
    }

    /// `1,200/5,000 files  24%  350 files/s  ~10 s left`, or `12 s  <latest line>` for a command stage.
    static func amount(_ record: ProgressRecord, rate: Double?) -> String {
        if record.unit == "seconds" {
            let elapsed = HistoryFormat.duration(Double(record.done)).replacingOccurrences(of: ".00 s", with: " s")
            return [elapsed, record.message ?? ""].filter { !$0.isEmpty }.joined(separator: "  ")
        }
        var parts: [String] = []
        if let total = record.total {
            parts.append("\(count(record.done))/\(count(total)) \(record.unit)")
            if total > 0 { parts.append("\(min(100, record.done * 100 / total))%") }
        } else {
            parts.append("\(count(record.done)) \(record.unit)")
        }
        if let rate {
            parts.append(self.rate(rate, unit: record.unit))
            if let total = record.total, rate > 0, total > record.done {
                parts.append("~" + HistoryFormat.duration(Double(total - record.done) / rate) + " left")
            }
        }
        if let message = record.message, !message.isEmpty { parts.append(message) }
        return parts.joined(separator: "  ")
    }

    /// `[##########----------]` for `done` of `total`, or nil when there is no total.
    static func bar(_ record: ProgressRecord, width: Int) -> String? {
        guard let total = record.total, total > 0, record.unit != "seconds" else { return nil }
        let filled = Int(min(1, Double(record.done) / Double(total)) * Double(width))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
    }
}
