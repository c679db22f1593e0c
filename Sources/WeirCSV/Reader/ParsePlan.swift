import WeirColumns

/// What every chunk parser of one file shares once the header and the sample are read.
final class ParsePlan: Sendable {
    let source: ByteSource
    let scanner: RecordScanner
    let dialect: CSVDialect
    let schema: Schema
    let parsers: [ValueParser]
    /// Whether each column's type was declared (otherwise inferred), for error messages.
    let declared: [Bool]
    /// Columns typed from a quick sample: a value that does not fit one of them is not an error
    /// but a sign that the prologue must be read again with the full sample.
    let speculative: [Bool]
    let isSpeculative: Bool
    /// Columns typed as numbers despite stray words in the sample (see
    /// ``CSVOptions/strayWordsAreBadValues``), for error messages.
    let tolerant: [Bool]
    let hasHeader: Bool
    let decimalComma: Bool
    let latin1: Bool
    /// The zone of readings without an offset in UTC timestamp columns (``CSVOptions/localTimeZone``).
    let localTimeZone: (any CSVLocalTimeZone)?
    let nulls: NullMatcher
    let errorMode: CSVOptions.ErrorMode
    let batchRows: Int
    /// How many rows the type inference looked at.
    let sampledRows: Int
    let maxRecordBytes: Int
    let chunkBytes: Int
    /// Where the first data row starts, and its 1-based line number.
    let dataStart: Int
    let dataLine: Int

    init(
        source: ByteSource, options: CSVOptions, schema: Schema, parsers: [ValueParser], declared: [Bool],
        speculative: [Bool] = [], tolerant: [Bool] = [], sampledRows: Int, dataStart: Int, dataLine: Int
    ) {
        self.tolerant = tolerant
        self.speculative = speculative
        isSpeculative = speculative.contains(true)
        self.source = source
        scanner = RecordScanner(dialect: options.dialect)
        dialect = options.dialect
        self.schema = schema
        self.parsers = parsers
        self.declared = declared
        hasHeader = options.dialect.hasHeader
        decimalComma = options.decimalComma
        latin1 = options.latin1
        localTimeZone = options.localTimeZone
        nulls = NullMatcher(options.nullStrings)
        errorMode = options.errorMode
        batchRows = max(1, options.batchRows)
        self.sampledRows = sampledRows
        maxRecordBytes = options.maxRecordBytes
        chunkBytes = max(1, options.chunkBytes)
        self.dataStart = dataStart
        self.dataLine = dataLine
    }

    var columnCount: Int { schema.fields.count }
    var path: String { source.name }
}

/// What one chunk of the file turned into.
struct ChunkResult: Sendable {
    /// Where parsing started and the limit it was asked to stop at (the next chunk's start).
    var start: Int
    var limit: Int
    /// Where its last record ended: the true start of the next chunk.
    var end: Int
    /// Line breaks between `start` and `end`.
    var lines: Int
    var batches: [CSVBatch]
    var error: CSVError?
    /// A value did not fit a speculative column (see ``ParsePlan/speculative``).
    var speculationFailed = false

    /// Turns the chunk-relative 0-based lines of errors and rejects into file lines, given the
    /// 1-based line where the chunk starts.
    mutating func placeLines(startingAt firstLine: Int) {
        if let line = error?.line { error?.line = line + firstLine }
        for batch in batches.indices {
            for reject in batches[batch].rejects.indices {
                if let line = batches[batch].rejects[reject].error.line {
                    batches[batch].rejects[reject].error.line = line + firstLine
                }
            }
        }
    }
}
