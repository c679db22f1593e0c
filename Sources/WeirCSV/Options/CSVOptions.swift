import WeirColumns

/// Everything that decides how the reader turns a CSV file into typed batches.
public struct CSVOptions: Sendable, Hashable {
    /// What the reader does with a row it cannot read.
    public enum ErrorMode: Sendable, Hashable {
        /// Stop at the first bad row and throw a ``CSVError`` naming file, line, column and byte offset.
        case failFile
        /// Set bad rows aside as ``CSVRejectedRow`` values in each ``CSVBatch`` and read on.
        case rejectRows
    }

    /// What the reader does with the lines before the header that start with a prefix, such as the
    /// `# Key: value` blocks instruments write.
    public enum LeadingLines: Sendable, Hashable {
        /// No special treatment: the first line is the header (or the first row).
        case none
        /// Skip leading lines that start with `prefix`.
        case skip(prefix: [UInt8])
        /// Skip them and hand them over in ``CSVReader/metadata``.
        case collect(prefix: [UInt8])
    }

    /// Delimiter, quote, escape, comment prefix and header.
    public var dialect: CSVDialect
    /// Unquoted values read as null. A quoted value is never null, so `""` is an empty string.
    public var nullStrings: [String]
    /// Lines at the very start of the file that are skipped before anything else.
    public var skipLines: Int
    /// Metadata lines before the header; by default `#` lines are collected.
    public var leadingLines: LeadingLines
    /// Declared column types by column name; they override inference. Every name must exist in
    /// the header (or be `column_N` without a header).
    public var columnTypes: [String: ColumnType]
    /// How many rows at the start of the file the reader looks at to infer column types. A file
    /// larger than that sample is also sampled at a few points further in (2,000 rows at most).
    public var sampleRows: Int
    /// The longest record, in bytes, the reader accepts (a guard against files with no line breaks
    /// or an unterminated quote); at most 1 GiB.
    public var maxRecordBytes: Int
    /// Fail the file at the first bad row (the default), or set bad rows aside.
    public var errorMode: ErrorMode
    /// The most rows in one batch.
    public var batchRows: Int
    /// How many threads parse one large file. Batches arrive in file order either way.
    public var parallelism: Int
    /// Type a column whose sampled values are numbers but for a few stray words (at most one value
    /// in a thousand, such as an instrument's `oops`) as a number column, so that those words are
    /// bad values (failing the file, or set aside in reject-rows mode) instead of turning the whole
    /// column into text. Off by default; ingest stages turn it on.
    public var strayWordsAreBadValues = false
    /// Numbers are written with a decimal comma (`1,5`, `-2,25e-6`), as many European instruments
    /// write them; the delimiter must then be another character (often `;`).
    public var decimalComma = false
    /// Text (names, metadata, values) is Windows-1252 / Latin-1, as many Windows instruments write
    /// it (`µA`, `°C`), rather than UTF-8: it is converted to UTF-8 as it is read.
    public var latin1 = false
    /// The time zone of readings without a UTC offset in a UTC timestamp column: with a zone, such
    /// a reading is a wall-clock time there (`2025-04-05 23:00:00` in `America/Santiago` is
    /// 02:00Z); without one (the default), it is taken as UTC. Readings with `Z` or an offset keep
    /// it either way, and local timestamp columns hold their readings as written.
    ///
    /// A column mixing readings with and without offsets is typed UTC, so set a zone when the
    /// readings without one are local times, as instruments write them outside the hour that
    /// clocks repeat.
    public var localTimeZone: (any CSVLocalTimeZone)? {
        get { localTimeZoneBox?.zone }
        set { localTimeZoneBox = newValue.map(CSVLocalTimeZoneBox.init) }
    }
    private var localTimeZoneBox: CSVLocalTimeZoneBox?

    /// Whether an encoding name means Latin-1 (`latin1`, `windows-1252`, `cp1252`, …: true) or
    /// UTF-8 (`utf-8`, `utf8`: false); `nil` for a name Weir does not read.
    public static func isLatin1(encodingName name: String) -> Bool? {
        switch name.lowercased() {
        case "utf-8", "utf8": false
        case "latin1", "latin-1", "iso-8859-1", "windows-1252", "cp1252": true
        default: nil
        }
    }

    public init(
        dialect: CSVDialect = CSVDialect(),
        nullStrings: [String] = ["", "NA", "N/A", "NULL", "null"],
        skipLines: Int = 0,
        leadingLines: LeadingLines = .collect(prefix: Array("#".utf8)),
        columnTypes: [String: ColumnType] = [:],
        sampleRows: Int = 10_000,
        maxRecordBytes: Int = 16 << 20,
        errorMode: ErrorMode = .failFile,
        batchRows: Int = 65_536,
        parallelism: Int = 1
    ) {
        self.dialect = dialect
        self.nullStrings = nullStrings
        self.skipLines = skipLines
        self.leadingLines = leadingLines
        self.columnTypes = columnTypes
        self.sampleRows = sampleRows
        self.maxRecordBytes = maxRecordBytes
        self.errorMode = errorMode
        self.batchRows = batchRows
        self.parallelism = parallelism
    }

    /// Bytes of the file each parallel task parses; tests make it tiny to exercise the splitting.
    package var chunkBytes = 4 << 20
    /// Type a file that fits in one chunk from a quick sample first, checked by parsing it whole
    /// (the outcome is the same as with the full sample); tests turn it off to compare.
    package var quickSample = true
}
