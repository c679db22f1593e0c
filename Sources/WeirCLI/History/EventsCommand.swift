import ArgumentParser
import Foundation
import Weir

/// `weir events`: the structured events of the sessions.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "List recorded events, oldest first, filtered by session, stage and level.")

    /// The `--level` values.
    enum Level: String, ExpressibleByArgument, CaseIterable {
        case debug, info, warning, error
        var eventLevel: EventLevel { EventLevel(rawValue: rawValue)! }
    }

    @OptionGroup var project: ProjectOptions

    @Option(help: ArgumentHelp("Only events of this session (id or unique prefix).", valueName: "session"))
    var session: String?

    @Option(help: ArgumentHelp("Only events of this stage.", valueName: "stage"))
    var stage: String?

    @Option(help: ArgumentHelp("Only events at this level or above.", valueName: "level"))
    var level: Level?

    @Option(help: ArgumentHelp("Only the latest <count> matching events.", valueName: "count"))
    var limit: Int?

    @Flag(help: "Print JSON: an array of events, oldest first.")
    var json = false

    func validate() throws {
        try HistoryOutput.validate(limit: limit)
    }

    func run() throws {
        let location = try project.locate()
        guard let store = try HistoryOutput.openStore(location, json: json, emptyMessage: "No events yet.") else {
            return
        }
        let sessionID = try session.map { try HistoryIdentifiers.session($0, in: store).id }
        let events = try store.events(session: sessionID, stage: stage, minLevel: level?.eventLevel, limit: limit)
        if json {
            HistoryOutput.printJSON(.array(events.map(Self.json)))
            return
        }
        if events.isEmpty {
            print("No events match.")
            return
        }
        var table = TextTable(["TIME (UTC)", "LEVEL", "SESSION", "STAGE", "KIND", "MESSAGE"])
        for event in events {
            let fields = JSONDocument(parsingOrKeeping: event.fieldsJSON)
            let extra = fields == .object([:]) ? "" : "  " + HistoryFormat.truncated(fields.rendered(), 80)
            table.append([
                HistoryFormat.time(event.at), event.level.rawValue, HistoryFormat.shortSession(event.session),
                event.stage ?? "-", event.kind, event.message + extra,
            ])
        }
        print(table.rendered())
    }

    static func json(_ event: EventRecord) -> JSONDocument {
        .object([
            "id": JSONDocument(event.id),
            "session": .string(event.session),
            "level": .string(event.level.rawValue),
            "stage": JSONDocument(event.stage),
            "kind": .string(event.kind),
            "message": .string(event.message),
            "fields": JSONDocument(parsingOrKeeping: event.fieldsJSON),
            "at": JSONDocument(time: event.at),
        ])
    }
}
