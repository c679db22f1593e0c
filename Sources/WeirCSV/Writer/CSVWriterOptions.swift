/// How ``CSVWriter`` spells what it writes.
public struct CSVWriterOptions: Sendable, Hashable {
    /// Delimiter and quote; `hasHeader` decides whether a header row is written. The quote must
    /// not be `nil`, since values that hold delimiters or line breaks need it.
    public var dialect: CSVDialect
    /// Written after every row.
    public var lineBreak: [UInt8]
    /// What a null is written as (unquoted).
    public var nullText: String
    /// The unquoted texts a reader takes for null: text values equal to one of them are quoted so
    /// that they read back as text. Defaults to the reader's.
    public var nullStrings: [String]

    public init(
        dialect: CSVDialect = CSVDialect(), lineBreak: [UInt8] = [0x0A], nullText: String = "",
        nullStrings: [String] = CSVOptions().nullStrings
    ) {
        self.dialect = dialect
        self.lineBreak = lineBreak
        self.nullText = nullText
        self.nullStrings = nullStrings
    }
}
