/// What went wrong reading a CSV file, and exactly where.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The operating system refused to open or read the file.
        case io
        /// The options contradict themselves (a delimiter equal to the quote, for example).
        case invalidOptions
        /// The file has no header and no rows.
        case emptyFile
        /// A row has more or fewer fields than the header.
        case raggedRow
        /// A quoted field has no closing quote before the end of the file.
        case unterminatedQuote
        /// A closing quote is followed by something other than a delimiter or a line break.
        case textAfterQuote
        /// A record is longer than ``CSVOptions/maxRecordBytes``.
        case recordTooLong
        /// A text field is not valid UTF-8.
        case invalidUTF8
        /// A value cannot be read as its column's type.
        case valueMismatch
        /// The header or a declared type does not fit the options (an unknown column name).
        case schemaMismatch
        /// A header is expected but the first line holds numbers, like a data row.
        case missingHeader
    }

    public var kind: Kind
    /// What is wrong, in sentence case, with the bad value in quotes and the fix at the end.
    public var message: String
    public var path: String?
    /// 1-based physical line where the row (or the problem) starts.
    public var line: Int?
    /// 1-based field number.
    public var column: Int?
    public var columnName: String?
    /// 0-based byte offset in the file of the field (or record) at fault.
    public var byteOffset: Int?

    public init(
        _ kind: Kind, _ message: String, path: String? = nil, line: Int? = nil, column: Int? = nil,
        columnName: String? = nil, byteOffset: Int? = nil
    ) {
        self.kind = kind
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.columnName = columnName
        self.byteOffset = byteOffset
    }

    /// `'data.csv': line 12, column 3 ('vg_v'), byte 4711: <message>`.
    public var description: String {
        var parts: [String] = []
        if let line { parts.append("line \(line)") }
        if let column {
            parts.append("column \(column)" + (columnName.map { " ('\($0)')" } ?? ""))
        }
        if let byteOffset { parts.append("byte \(byteOffset)") }
        var text = path.map { "'\($0)': " } ?? ""
        if !parts.isEmpty { text += parts.joined(separator: ", ") + ": " }
        return text + message
    }
}
