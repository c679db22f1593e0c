import Foundation
import Weir

/// What is running now: the session followed (the running one, else the latest), each stage's state
/// as its events tell it and its latest progress, and the latest events.
struct LiveSnapshot: Sendable {
    struct StageProgress: Sendable {
        var state: String
        var progress: ProgressRecord?
    }

    var session: SessionRecord?
    /// Whether the session is still going: marked running, and its process alive or on another host.
    var running: Bool
    var stages: [String: StageProgress]
    var events: [EventRecord]

    static let none = LiveSnapshot(session: nil, running: false, stages: [:], events: [])

    /// Reads the snapshot; `LiveSnapshot.none` when the project has no store or no session.
    static func read(_ store: StateStore?, events limit: Int = 20) throws -> LiveSnapshot {
        guard let store, let session = try SessionFollower.defaultSession(in: store) else { return .none }
        let running = session.status == .running && SessionFollower.isAlive(session) != false
        var stages: [String: StageProgress] = [:]
        // Only the events that change a stage's state, so a long session costs little.
        for event in try store.events(session: session.id, kinds: stateKinds) {
            guard let state = state(after: event.kind), let stage = event.stage else { continue }
            stages[stage, default: StageProgress(state: state)].state = state
        }
        for record in try store.latestProgress(session: session.id) {
            guard let stage = record.stage else { continue }
            stages[stage, default: StageProgress(state: "running")].progress = record
        }
        if !running {
            for (name, stage) in stages where stage.state == "running" {
                stages[name]?.state = session.status == .running ? "interrupted" : session.status.rawValue
            }
        }
        return LiveSnapshot(
            session: session, running: running, stages: stages,
            events: try store.latestEvents(session: session.id, limit: limit))
    }

    static let stateKinds = [
        "stage-started", "stage-succeeded", "stage-failed", "stage-skipped", "stage-up-to-date", "stage-reused",
    ]

    /// A stage's state after an event of kind `kind`, or nil when the event does not change it.
    static func state(after kind: String) -> String? {
        switch kind {
        case "stage-started": "running"
        case "stage-succeeded": "succeeded"
        case "stage-failed": "failed"
        case "stage-skipped": "skipped"
        case "stage-up-to-date": "up-to-date"
        case "stage-reused": "will-reuse"
        default: nil
        }
    }

    /// `30/1,500 files  2%`, or a command stage's elapsed time and latest output line.
    static func text(_ record: ProgressRecord) -> String {
        var parts: [String] = []
        if let total = record.total, total > 0 {
            let percent = Int((Double(record.done) / Double(total) * 100).rounded(.down))
            parts.append("\(Format.count(record.done))/\(Format.count(total)) \(record.unit)  \(percent)%")
        } else if record.unit == "seconds" {
            parts.append("\(record.done) s")
        } else {
            parts.append("\(Format.count(record.done)) \(record.unit)")
        }
        if let message = record.message, !message.isEmpty { parts.append(message) }
        return parts.joined(separator: "  ")
    }

    /// The share done, 0…1, when the total is known.
    static func fraction(_ record: ProgressRecord) -> Double? {
        guard let total = record.total, total > 0 else { return nil }
        return min(1, max(0, Double(record.done) / Double(total)))
    }

    var json: JSONDocument {
        var stageObjects: [String: JSONDocument] = [:]
        for (name, stage) in stages {
            var members: [String: JSONDocument] = ["state": .string(stage.state)]
            if let record = stage.progress {
                members["progress"] = .object([
                    "done": .integer(record.done), "total": record.total.map { .integer($0) } ?? .null,
                    "unit": .string(record.unit), "message": record.message.map { .string($0) } ?? .null,
                    "at": .string(StateTime.format(record.at)), "text": .string(Self.text(record)),
                    "fraction": Self.fraction(record).map { .number($0) } ?? .null,
                ])
            }
            stageObjects[name] = .object(members)
        }
        return .object([
            "session": session.map(Self.json) ?? .null,
            "running": .bool(running),
            "stages": .object(stageObjects),
            "events": .array(events.map(Self.json)),
        ])
    }

    static func json(_ session: SessionRecord) -> JSONDocument {
        .object([
            "id": .string(session.id), "command": .string(session.command), "status": .string(session.status.rawValue),
            "started_at": .string(StateTime.format(session.startedAt)),
            "ended_at": session.endedAt.map { .string(StateTime.format($0)) } ?? .null,
            "summary": session.summary.map { .string($0) } ?? .null, "user": .string(session.user),
            "host": .string(session.host), "pid": .integer(Int64(session.pid)),
        ])
    }

    static func json(_ event: EventRecord) -> JSONDocument {
        .object([
            "id": event.id.map { .integer($0) } ?? .null, "level": .string(event.level.rawValue),
            "stage": event.stage.map { .string($0) } ?? .null, "kind": .string(event.kind),
            "message": .string(event.message), "fields": JSONDocument(parsingOrKeeping: event.fieldsJSON),
            "at": .string(StateTime.format(event.at)),
        ])
    }
}
