import ArgumentParser
import Foundation
import Weir

/// What the history commands share: opening the store without the lock, and printing.
enum HistoryOutput {
    /// Refuses a `--limit` below 1, in argument-parser's words.
    static func validate(limit: Int?) throws {
        if let limit, limit < 1 {
            throw ValidationError(
                "The value '\(limit)' is invalid for '--limit <count>'. Please provide a number of 1 or more.")
        }
    }

    /// The project's store, or nil (after printing `emptyMessage`, or `[]` for JSON) when there is no state yet.
    static func openStore(_ project: ProjectLocation, json: Bool, emptyMessage: String) throws -> StateStore? {
        if let store = try StateStore.openReadOnly(project) { return store }
        if json {
            print("[]")
        } else {
            print("\(emptyMessage) The project at '\(project.root)' has no state yet; run 'weir run' first.")
        }
        return nil
    }

    /// The store for a command that needs existing state (`show`, `diff`).
    static func requireStore(_ project: ProjectLocation, for identifier: String) throws -> StateStore {
        guard let store = try StateStore.openReadOnly(project) else {
            throw NoStateError(identifier: identifier, root: project.root)
        }
        return store
    }

    /// One CSV line (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled.
    static func csvLine(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",")
    }

    /// Prints `value` as indented JSON with sorted keys.
    static func printJSON(_ value: JSONDocument) {
        print(value.rendered(pretty: true))
    }
}

/// A command needed a record, but the project has no state at all.
struct NoStateError: UserFacingError {
    let identifier: String
    let root: String
    var exitStatus: Int32 { 1 }
    var description: String {
        "There is no '\(identifier)': the project at '\(root)' has no state yet. Run 'weir run' first."
    }
}

/// JSON builders for the records, with ISO 8601 UTC times and explicit nulls so every key is always present.
extension JSONDocument {
    init(_ text: String?) { self = text.map { .string($0) } ?? .null }
    init(_ integer: Int64?) { self = integer.map { .integer($0) } ?? .null }
    init(_ number: Double?) { self = number.map { .number($0) } ?? .null }
    init(time: Date?) { self = time.map { .string(StateTime.format($0)) } ?? .null }
}
