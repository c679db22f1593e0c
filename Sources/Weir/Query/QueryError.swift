import WeirColumns

/// A query that cannot run on the data it was given.
public enum QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownColumn(String, available: [String])
    case badLiteral(String, Field)
    case notBoolean(String, ColumnType)

    public var description: String {
        switch self {
        case .unknownColumn(let name, let available):
            let suggestion = DidYouMean.suggestion(for: name, among: available).map { " Did you mean '\($0)'?" } ?? ""
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
