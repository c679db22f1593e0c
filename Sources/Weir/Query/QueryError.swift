import WeirColumns

/// A query that cannot run on the data it was given.
public enum QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownColumn(String, available: [String])
    case badLiteral(String, Field)
    case notBoolean(String, ColumnType)

    public var description: String {
        switch self {
        case .unknownColumn(let name, let available):
            let suggestion = Suggestion.closest(to: name, in: available).map { " Did you mean '\($0)'?" } ?? ""
            return "The column '\(name)' does not exist.\(suggestion) Available columns: \(available.joined(separator: ", "))."
        case .badLiteral(let text, let field):
            return "The value '\(text)' cannot be compared with the column '\(field.name)', which is \(field.type.name). "
                + hint(for: field.type)
        case .notBoolean(let name, let type):
            return "The column '\(name)' is \(type.name), not bool, so it cannot stand alone as a condition. Compare it with a value, as in \(name) = 1."
        }
    }

    private func hint(for type: ColumnType) -> String {
        switch type {
        case .date: "Write dates as 'YYYY-MM-DD'."
        case .timestamp: "Write timestamps as 'YYYY-MM-DD HH:MM:SS', optionally with a fraction and 'Z' or an offset."
        case .string, .binary: "Quote text values, as in proc = 'IV'."
        case .boolean: "Use true or false."
        default: "Use a number."
        }
    }
}

/// Did-you-mean suggestions by edit distance.
enum Suggestion {
    static func closest(to name: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(name.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, name.count / 3) else { return nil }
        return best.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a)
        let y = Array(b)
        if x.isEmpty { return y.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in stride(from: 1, through: y.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}
