import WeirColumns

/// Rows read from one stretch of a CSV file, in file order, and the rows set aside there.
public struct CSVBatch: Sendable {
    /// The rows that were read, typed by ``CSVReader/schema``. May be empty when every row of
    /// the stretch was rejected.
    public var records: RecordBatch
    /// Rows that could not be read (only in ``CSVOptions/ErrorMode/rejectRows`` mode), in file order.
    public var rejects: [CSVRejectedRow]

    public init(records: RecordBatch, rejects: [CSVRejectedRow] = []) {
        self.records = records
        self.rejects = rejects
    }
}

/// A row set aside in reject-rows mode: where it was, its text and why it was rejected.
public struct CSVRejectedRow: Sendable, Hashable {
    /// The reason, with line, column and byte offset; its `path` is the file's.
    public var error: CSVError
    /// The row as it appears in the file, without its line break (at most 64 KiB of it).
    public var text: [UInt8]

    public init(error: CSVError, text: [UInt8]) {
        self.error = error
        self.text = text
    }

    public var line: Int { error.line ?? 0 }

    /// The most bytes of a rejected row that are kept.
    public static let maxTextBytes = 64 << 10
}

/// A line before the header collected with ``CSVOptions/LeadingLines/collect(prefix:)``.
public struct CSVMetadataLine: Sendable, Hashable {
    /// 1-based line number in the file.
    public var line: Int
    /// The line after its prefix, trimmed of spaces (`Chip number: 12`).
    public var text: String
    /// For `Key: value` lines, the key (`Chip number`), trimmed; `nil` when there is no colon.
    public var key: String?
    /// For `Key: value` lines, the value after the first colon (`12`), trimmed; may be empty.
    public var value: String?

    public init(line: Int, text: String) {
        self.line = line
        self.text = text
        if let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) {
            key = String(text[..<colon]).trimmingSpaces()
            value = String(text[text.utf8.index(after: colon)...]).trimmingSpaces()
        }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let bytes = utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start = bytes.index(after: start) }
        while start < end {
            let before = bytes.index(before: end)
            guard bytes[before] == 0x20 || bytes[before] == 0x09 else { break }
            end = before
        }
        if start == bytes.startIndex && end == bytes.endIndex { return self }
        return String(self[start..<end])
    }
}
