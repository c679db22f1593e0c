import ArgumentParser
import Foundation
import Weir

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `weir watch`: a session's progress, live, from any terminal.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Follow the running session's progress live (or show the latest session).",
        discussion: """
            Prints what the session has done so far, then each stage's progress as it comes: bars and rates \
            on a terminal (without colours when NO_COLOR is set), one plain line per change otherwise, one \
            JSON object a line with --json. It only reads the state store: it never takes the project lock \
            and never slows the run down.

            Exits when the session ends: 0 if it succeeded, 1 if it failed or was interrupted (also when it \
            is still marked running but its process is gone), 124 when --timeout ran out first.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: ArgumentHelp("Follow this session (id or unique prefix; see 'weir log').", valueName: "session"))
    var session: String?

    @Option(
        help: ArgumentHelp(
            "Stop after <seconds> if the session is still running, exiting with status 124.", valueName: "seconds"))
    var timeout: Double?

    @Flag(
        help: """
            Print one JSON object a line: 'kind' (session, event, progress or end), 'session', and 'stage' \
            when the line concerns one.
            """)
    var json = false

    /// How often the store is asked whether anything changed.
    static let pollInterval: TimeInterval = 0.1

    func validate() throws {
        if let timeout, !(timeout > 0) || !timeout.isFinite {
            throw ValidationError(
                "The value '\(HistoryFormat.number(timeout))' is invalid for '--timeout <seconds>'. "
                    + "Please provide a number of seconds above 0.")
        }
    }

    func run() throws {
        let location = try project.locate()
        guard let store = try StateStore.openForFollowing(location) else {
            throw NothingToWatchError(root: location.root, hasState: false)
        }
        let record: SessionRecord
        if let session {
            record = try HistoryIdentifiers.session(session, in: store)
        } else {
            guard let found = try SessionFollower.defaultSession(in: store) else {
                throw NothingToWatchError(root: location.root, hasState: true)
            }
            record = found
        }
        let follower = SessionFollower(store: store, session: record)
        let output = Self.output(json: json)
        output.begin(record)
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        var first = true
        while true {
            let update = try follower.poll()
            for item in Self.inOrder(update, history: first) {
                switch item {
                case .event(let event): output.show(event)
                case .progress(let progress): output.show(progress)
                }
            }
            first = false
            if let ending = update.ending {
                output.end(ending)
                if ending.exitStatus != 0 { throw ExitCode(ending.exitStatus) }
                return
            }
            output.refresh()
            if let deadline, let timeout, Date() >= deadline {
                throw WatchTimeoutError(session: follower.session.id, seconds: timeout)
            }
            Thread.sleep(forTimeInterval: Self.pollInterval)
        }
    }

    enum Item {
        case event(EventRecord)
        case progress(ProgressRecord)

        var at: Date {
            switch self {
            case .event(let event): event.at
            case .progress(let progress): progress.at
            }
        }
    }

    /// Events and progress records merged in time order (events first at equal times). Of what
    /// happened before the watch began, only each stage's latest progress record is kept.
    static func inOrder(_ update: SessionFollower.Update, history: Bool) -> [Item] {
        var progress = update.progress
        if history {
            var latest: [String?: Int] = [:]
            for (index, record) in progress.enumerated() { latest[record.stage] = index }
            progress = latest.values.sorted().map { progress[$0] }
        }
        var items: [Item] = []
        var next = 0
        for event in update.events {
            while next < progress.count, progress[next].at < event.at {
                items.append(.progress(progress[next]))
                next += 1
            }
            items.append(.event(event))
        }
        items += progress[next...].map(Item.progress)
        return items
    }

    /// NDJSON, a live terminal, or plain lines.
    static func output(json: Bool) -> any WatchOutput {
        if json { return JSONWatchOutput() }
        let environment = ProcessInfo.processInfo.environment
        guard isatty(1) != 0, environment["TERM"] != "dumb" else { return PlainWatchOutput() }
        // https://no-color.org: any non-empty value turns colours off.
        return TerminalWatchOutput(colours: (environment["NO_COLOR"] ?? "").isEmpty)
    }
}

/// `weir watch` found no session at all.
struct NothingToWatchError: UserFacingError {
    let root: String
    let hasState: Bool
    var exitStatus: Int32 { 1 }
    var description: String {
        hasState
            ? "There is no session to watch: the project at '\(root)' has recorded none yet. Start one with 'weir run'."
            : "There is no session to watch: the project at '\(root)' has no state yet. Start one with 'weir run'."
    }
}

/// `--timeout` ran out while the session was still running.
struct WatchTimeoutError: UserFacingError {
    let session: String
    let seconds: Double
    var exitStatus: Int32 { 124 }
    var description: String {
        "Session \(HistoryFormat.shortSession(session)) is still running after \(HistoryFormat.number(seconds)) s "
            + "(--timeout); stopped watching. Run 'weir watch --session \(HistoryFormat.shortSession(session))' to follow it again."
    }
}
