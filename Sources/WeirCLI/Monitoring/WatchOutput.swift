import Foundation
import Weir

/// Where `weir watch` shows a session: NDJSON, plain lines, or a terminal with live bars.
protocol WatchOutput: AnyObject {
    func begin(_ session: SessionRecord)
    func show(_ event: EventRecord)
    func show(_ progress: ProgressRecord)
    /// Called after each poll: a terminal redraws its bars.
    func refresh()
    func end(_ ending: SessionFollower.Ending)
}

/// `--json`: one JSON object a line, each with `kind` (`session`, `event`, `progress`, `end`),
/// `session`, and `stage` when it concerns one.
final class JSONWatchOutput: WatchOutput {
    private var board = WatchBoard()

    func begin(_ session: SessionRecord) {
        emit([
            "kind": .string("session"),
            "session": .string(session.id),
            "command": .string(HistoryFormat.commandLine(session.command, session.arguments)),
            "status": .string(session.status.rawValue),
            "started_at": JSONDocument(time: session.startedAt),
            "pid": .integer(Int64(session.pid)),
            "host": .string(session.host),
            "user": .string(session.user),
        ])
    }

    func show(_ event: EventRecord) {
        board.apply(event)
        var object: [String: JSONDocument] = [
            "kind": .string("event"),
            "session": .string(event.session),
            "event": .string(event.kind),
            "level": .string(event.level.rawValue),
            "message": .string(event.message),
            "fields": JSONDocument(parsingOrKeeping: event.fieldsJSON),
            "at": JSONDocument(time: event.at),
        ]
        if let stage = event.stage { object["stage"] = .string(stage) }
        emit(object)
    }

    func show(_ progress: ProgressRecord) {
        board.apply(progress)
        var object: [String: JSONDocument] = [
            "kind": .string("progress"),
            "session": .string(progress.session),
            "done": .integer(progress.done),
            "total": JSONDocument(progress.total),
            "unit": .string(progress.unit),
            "message": JSONDocument(progress.message),
            "rate": JSONDocument(progress.stage.flatMap { board.rate(of: $0) }),
            "at": JSONDocument(time: progress.at),
        ]
        if let stage = progress.stage { object["stage"] = .string(stage) }
        emit(object)
    }

    func refresh() {}

    func end(_ ending: SessionFollower.Ending) {
        let session = ending.session
        emit([
            "kind": .string("end"),
            "session": .string(session.id),
            "status": .string(ending.status.rawValue),
            "summary": JSONDocument(session.summary),
            "ended_at": JSONDocument(time: session.endedAt),
            "duration_seconds": JSONDocument(session.endedAt.map { $0.timeIntervalSince(session.startedAt) }),
            "process_gone": .bool(ending.processGone),
            "exit_status": .integer(Int64(ending.exitStatus)),
        ])
    }

    private func emit(_ object: [String: JSONDocument]) {
        WatchText.write(JSONDocument.object(object).rendered() + "\n")
    }
}

/// Not a terminal (a pipe, a file, CI): one plain line per event and per progress change.
final class PlainWatchOutput: WatchOutput {
    private var board = WatchBoard()

    func begin(_ session: SessionRecord) {
        WatchText.write(WatchText.header(session) + "\n")
    }

    func show(_ event: EventRecord) {
        board.apply(event)
        WatchText.write(WatchText.line(event, style: .plain) + "\n")
    }

    func show(_ progress: ProgressRecord) {
        board.apply(progress)
        WatchText.write(WatchText.line(progress, rate: progress.stage.flatMap { board.rate(of: $0) }) + "\n")
    }

    func refresh() {}

    func end(_ ending: SessionFollower.Ending) {
        WatchText.write(WatchText.ending(ending, style: .plain) + "\n")
    }
}

/// The lines both text outputs print.
enum WatchText {
    /// ANSI colours, or none (`NO_COLOR`, or not a terminal).
    struct Style {
        var colours: Bool
        static let plain = Style(colours: false)

        func paint(_ text: String, _ code: String) -> String {
            colours ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
        }
        func bold(_ text: String) -> String { paint(text, "1") }
        func dim(_ text: String) -> String { paint(text, "2") }
        func red(_ text: String) -> String { paint(text, "31") }
        func green(_ text: String) -> String { paint(text, "32") }
        func yellow(_ text: String) -> String { paint(text, "33") }
        func cyan(_ text: String) -> String { paint(text, "36") }
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// `Watching session 1a2b3c4d (weir run --force clean), started 2026-11-21 15:02:11 UTC by ana@lab1: running`.
    static func header(_ session: SessionRecord) -> String {
        "Watching session \(HistoryFormat.shortSession(session.id)) "
            + "(\(HistoryFormat.commandLine(session.command, session.arguments))), started "
            + "\(HistoryFormat.time(session.startedAt)) UTC by \(session.user)@\(session.host): \(session.status.rawValue)"
    }

    /// `15:02:12  clean  Running 'clean': new stage`, with `warning:`/`error:` before warnings and errors.
    static func line(_ event: EventRecord, style: Style) -> String {
        var message = event.message
        switch event.level {
        case .error: message = style.red("error: ") + message
        case .warning: message = style.yellow("warning: ") + message
        default: break
        }
        if event.kind == "stage-succeeded" { message = style.green(message) }
        return [style.dim(WatchFormat.clock(event.at)), event.stage.map(style.cyan) ?? "-", message]
            .joined(separator: "  ")
    }

    /// `15:02:13  stage  1,200/5,000 files  24%  350 files/s`; the session's own record shows as `-`.
    static func line(_ progress: ProgressRecord, rate: Double?) -> String {
        [WatchFormat.clock(progress.at), progress.stage ?? "-", WatchFormat.amount(progress, rate: rate)]
            .joined(separator: "  ")
    }

    /// `Session 1a2b3c4d succeeded after 14.2 s: 3 stages done, recorded v4.`
    static func ending(_ ending: SessionFollower.Ending, style: Style) -> String {
        let session = ending.session
        let short = HistoryFormat.shortSession(session.id)
        if ending.processGone {
            return style.red(
                "Session \(short) is still marked running, but its process (pid \(session.pid)) is gone: "
                    + "it was interrupted. Run 'weir run' again to finish the work.")
        }
        let duration = session.endedAt.map {
            " after " + HistoryFormat.duration($0.timeIntervalSince(session.startedAt))
        }
        let summary = session.summary.map { ": " + $0 } ?? ""
        let text = "Session \(short) \(ending.status.rawValue)\(duration ?? "")\(summary)."
        return ending.status == .succeeded ? style.green(text) : style.red(text)
    }
}
