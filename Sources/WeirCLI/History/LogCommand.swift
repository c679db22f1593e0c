import ArgumentParser
import Foundation
import Weir

/// `weir log`: the sessions, newest first.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "List the sessions of state-changing commands, newest first.",
        discussion: """
            A session is one run of a command that changes the state (weir run, weir checkout, weir gc …). \
            A session still marked 'running' whose process is gone from this host shows as 'running (process gone)'.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: ArgumentHelp("Show only the newest <count> sessions.", valueName: "count"))
    var limit: Int?

    @Flag(help: "Print JSON: an array of sessions, newest first.")
    var json = false

    func validate() throws {
        try HistoryOutput.validate(limit: limit)
    }

    func run() throws {
        let location = try project.locate()
        guard let store = try HistoryOutput.openStore(location, json: json, emptyMessage: "No sessions yet.") else {
            return
        }
        let sessions = try store.sessions(limit: limit)
        if json {
            HistoryOutput.printJSON(.array(sessions.map(Self.json)))
            return
        }
        if sessions.isEmpty {
            print("No sessions yet.")
            return
        }
        var table = TextTable(
            ["SESSION", "STARTED (UTC)", "STATUS", "DURATION", "COMMAND", "SUMMARY"],
            alignments: [.left, .left, .left, .right, .left, .left])
        for session in sessions {
            let duration = (session.endedAt ?? Date.now).timeIntervalSince(session.startedAt)
            table.append([
                HistoryFormat.shortSession(session.id), HistoryFormat.time(session.startedAt), Self.status(session),
                HistoryFormat.duration(duration),
                HistoryFormat.truncated(HistoryFormat.commandLine(session.command, session.arguments)),
                session.summary ?? "",
            ])
        }
        print(table.rendered())
    }

    /// Whether a `running` session's process still exists; nil when that cannot be told from here.
    static func processAlive(_ session: SessionRecord) -> Bool? {
        guard session.status == .running, session.host == ProcessIdentity.host else { return nil }
        return ProcessIdentity.isAlive(session.pid)
    }

    static func status(_ session: SessionRecord) -> String {
        processAlive(session) == false ? "running (process gone)" : session.status.rawValue
    }

    static func json(_ session: SessionRecord) -> JSONDocument {
        .object([
            "id": .string(session.id),
            "command": .string(session.command),
            "arguments": .array(session.arguments.map { .string($0) }),
            "pid": .integer(Int64(session.pid)),
            "host": .string(session.host),
            "user": .string(session.user),
            "cwd": .string(session.cwd),
            "started_at": JSONDocument(time: session.startedAt),
            "ended_at": JSONDocument(time: session.endedAt),
            "duration_seconds": JSONDocument(session.endedAt.map { $0.timeIntervalSince(session.startedAt) }),
            "status": .string(session.status.rawValue),
            "process_alive": processAlive(session).map { .bool($0) } ?? .null,
            "summary": JSONDocument(session.summary),
        ])
    }
}
