/// How a CSV file spells its records: the bytes that separate and enclose fields.
///
/// The defaults are RFC 4180: comma-separated, fields that hold commas, quotes or line breaks
/// enclosed in double quotes, a quote inside a quoted field written twice (`""`). Line breaks may
/// be LF, CRLF or CR, mixed freely.
public struct CSVDialect: Sendable, Hashable {
    /// The byte between fields.
    public var delimiter: UInt8
    /// The byte that encloses a field at its start; `nil` turns quoting off (quotes are then
    /// ordinary bytes). A quote inside an unquoted field is an ordinary byte.
    public var quote: UInt8?
    /// Inside a quoted field, the byte that makes the next byte literal (for example `\`); `nil`
    /// for RFC 4180 only. A doubled quote always stands for one quote.
    public var escape: UInt8?
    /// Lines that start with these bytes are skipped wherever they appear; `nil` for none.
    public var commentPrefix: [UInt8]?
    /// Whether the first record names the columns. Without a header, columns are named
    /// `column_1`, `column_2`, …
    public var hasHeader: Bool

    public init(
        delimiter: UInt8 = UInt8(ascii: ","),
        quote: UInt8? = UInt8(ascii: "\""),
        escape: UInt8? = nil,
        commentPrefix: [UInt8]? = nil,
        hasHeader: Bool = true
    ) {
        self.delimiter = delimiter
        self.quote = quote
        self.escape = escape
        self.commentPrefix = commentPrefix
        self.hasHeader = hasHeader
    }
}
