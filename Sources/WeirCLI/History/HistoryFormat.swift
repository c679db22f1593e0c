import Foundation
import Weir

/// How the history commands show values to people.
enum HistoryFormat {
    /// The first 12 characters of a run id: enough to be unique in any real project.
    static func shortRun(_ id: String) -> String { String(id.prefix(12)) }

    /// The first 8 characters of a session id.
    static func shortSession(_ id: String) -> String { String(id.prefix(8)) }

    /// `2026-11-21 15:02:11` (UTC; headers say so).
    static func time(_ date: Date) -> String { String(StateTime.display(date).dropLast(4)) }

    static func time(_ date: Date?) -> String { date.map(time) ?? "-" }

    /// `850 B`, `1.5 KiB`, `117.7 GiB`.
    static func bytes(_ count: Int64?) -> String {
        guard let count else { return "-" }
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(count)
        var unit = 0
        while abs(value) >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }

    /// `0.25 s`, `12.3 s`, `2 min 05 s`, `1 h 02 min`.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "-" }
        if seconds < 10 { return String(format: "%.2f s", seconds) }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return String(format: "%d min %02d s", whole / 60, whole % 60) }
        return String(format: "%d h %02d min", whole / 3600, (whole % 3600) / 60)
    }

    /// A metric value: integers without a fraction, others with up to 4 significant decimals.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.4g", value)
    }

    /// A command line as typed, `weir run --force clean`: arguments with spaces or quotes are single-quoted.
    ///
    /// Sessions record `command` as `weir run` and the arguments after it; a command recorded without
    /// `weir`, or arguments that repeat the subcommand, are shown the same way.
    static func commandLine(_ command: String, _ arguments: [String]) -> String {
        let words = command.split(separator: " ").map(String.init)
        var rest = arguments[...]
        if let subcommand = words.last, subcommand != "weir", rest.first == subcommand { rest = rest.dropFirst() }
        let program = words.first == "weir" ? command : "weir " + command
        return ([program] + rest.map(quote)).joined(separator: " ")
    }

    static func quote(_ argument: String) -> String {
        let plain =
            !argument.isEmpty
            && argument.unicodeScalars.allSatisfy {
                CharacterSet.alphanumerics.contains($0) || "-_./=:,+@%".unicodeScalars.contains($0)
            }
        return plain ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `text` cut to `limit` characters with an ellipsis.
    static func truncated(_ text: String, _ limit: Int = 60) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    /// A JSON value on one line, cut for a table.
    static func json(_ value: JSONDocument?, limit: Int = 60) -> String {
        guard let value else { return "(absent)" }
        return truncated(value.rendered(), limit)
    }

    /// A measured value with its unit: bytes and seconds are shown as sizes and durations.
    static func measurement(_ value: Double, unit: String) -> String {
        switch unit {
        case "bytes" where value == value.rounded() && abs(value) < 9e18: return bytes(Int64(value))
        case "s", "seconds": return duration(value)
        case "": return number(value)
        default: return number(value) + " " + unit
        }
    }
}
