import WeirColumns

/// A query that cannot run on the data it was given.
public enum QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownColumn(String, available: [String])
    case badLiteral(String, Field)
    case notBoolean(String, ColumnType)
    /// A condition on a list, struct or map column.
    case nestedColumn(Field)

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
        case .nestedColumn(let field):
            return "The column '\(field.name)' is \(field.type.name); conditions on nested columns are not supported. "
                + "Select it with --select and filter on a flat column."
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
