import WeirColumns

/// Reads what comes before the data: byte order mark, skipped lines, metadata lines, the header,
/// then a sample of rows to infer column types from.
struct Prologue {
    /// The most columns a file may have.
    static let maxColumns = 100_000
    /// The most bytes the type-inference sample reads at the start of the file.
    static let maxSampleBytes = 64 << 20
    /// Past the head sample, types are also inferred from up to this many rows in each of this many
    /// windows spread evenly over the rest of the file.
    static let spreadWindows = 8
    static let spreadWindowRows = 250
    static let spreadWindowBytes = 1 << 16

    var metadata: [CSVMetadataLine] = []
    var plan: ParsePlan
    /// Undeclared columns without a value in the sample, typed as text for want of one.
    var valueless: Set<String> = []

    /// Rows a quick sample looks at (see ``init(source:options:quick:)``).
    static let quickSampleRows = 100

    /// - Parameter quick: infer from the first ``quickSampleRows`` rows only, when that sample
    ///   gives every undeclared column a value and an integer or double type. Those columns are
    ///   then marked speculative: the caller parses the whole file, and if any of their values
    ///   does not fit, reads the prologue again without `quick`. Since the full sample holds
    ///   the quick one and the parse checks every row, the outcome is the same either way.
    init(source: ByteSource, options: CSVOptions, quick: Bool = false) throws(CSVError) {
        try Self.validate(options, path: source.name)
        var reader = PrologueReader(source: source, options: options)
        try reader.readLeadingLines()
        let names = try reader.readHeader()
        let skip = names.map { $0.map { options.columnTypes[$0] != nil } } ?? []
        var sample: Sample
        var speculative = false
        if quick && options.sampleRows > Self.quickSampleRows {
            sample = try reader.readSample(
                columnCount: names?.count, rows: Self.quickSampleRows, spread: false, skip: skip)
            let settled = sample.inferences.indices.allSatisfy { index in
                if index < skip.count && skip[index] { return true }
                let inference = sample.inferences[index]
                return inference.hasValue && (inference.type == .int64 || inference.type == .float64)
            }
            if settled && sample.columnCount != nil {
                speculative = true
            } else {
                sample = try reader.readSample(
                    columnCount: names?.count, rows: options.sampleRows, spread: true, skip: skip)
            }
        } else {
            sample = try reader.readSample(
                columnCount: names?.count, rows: options.sampleRows, spread: true, skip: skip)
        }
        guard let columnCount = names?.count ?? sample.columnCount else {
            throw CSVError(
                .emptyFile,
                reader.metadata.isEmpty
                    ? "The file is empty: it has no header and no rows. Check that it was written completely."
                    : "The file has metadata lines but no rows. Check that it was written completely.",
                path: source.name)
        }
        let columnNames = names ?? (1...max(columnCount, 1)).map { "column_\($0)" }
        var fields: [Field] = []
        var parsers: [ValueParser] = []
        var declared: [Bool] = []
        var guessed: [Bool] = []
        var tolerant: [Bool] = []
        for (index, name) in columnNames.enumerated() {
            let type =
                options.columnTypes[name] ?? sample.inferences[index].type(tolerant: options.strayWordsAreBadValues)
            guard let parser = ValueParser(type) else {
                throw CSVError(
                    .invalidOptions,
                    "The declared type '\(type.name)' of column '\(name)' cannot be read from CSV text. Declare it as "
                        + "'binary' or 'string'.", path: source.name)
            }
            fields.append(Field(name, type))
            parsers.append(parser)
            declared.append(options.columnTypes[name] != nil)
            if options.columnTypes[name] == nil && !sample.inferences[index].hasValue { valueless.insert(name) }
            guessed.append(speculative && options.columnTypes[name] == nil)
            tolerant.append(
                options.columnTypes[name] == nil
                    && sample.inferences[index].toleratesWords(options.strayWordsAreBadValues))
        }
        for name in options.columnTypes.keys.sorted() where !columnNames.contains(name) {
            let list = columnNames.prefix(20).map { "'\($0)'" }.joined(separator: ", ")
            throw CSVError(
                .schemaMismatch,
                "The schema declares column '\(name)', which the file does not have (its columns are \(list)"
                    + "\(columnNames.count > 20 ? ", …" : "")). Fix the name in the schema.",
                path: source.name)
        }
        metadata = reader.metadata
        plan = ParsePlan(
            source: source, options: options, schema: Schema(fields), parsers: parsers, declared: declared,
            speculative: guessed, tolerant: tolerant, sampledRows: sample.rows, dataStart: reader.dataStart,
            dataLine: reader.dataLine)
    }

    private static func validate(_ options: CSVOptions, path: String) throws(CSVError) {
        let dialect = options.dialect
        func fail(_ message: String) -> CSVError { CSVError(.invalidOptions, message, path: path) }
        let lineBreaks: [UInt8] = [RecordScanner.lf, RecordScanner.cr]
        if options.decimalComma && dialect.delimiter == UInt8(ascii: ",") {
            throw fail("With a decimal comma the delimiter cannot be ','. Choose another delimiter, such as ';'.")
        }
        if lineBreaks.contains(dialect.delimiter) {
            throw fail("The delimiter cannot be a line break. Choose another delimiter.")
        }
        if let quote = dialect.quote {
            if quote == dialect.delimiter { throw fail("The quote cannot be the delimiter. Choose another quote.") }
            if lineBreaks.contains(quote) { throw fail("The quote cannot be a line break. Choose another quote.") }
        }
        if let escape = dialect.escape, escape == dialect.delimiter || lineBreaks.contains(escape) {
            throw fail("The escape cannot be the delimiter or a line break. Choose another escape.")
        }
        if let prefix = dialect.commentPrefix, prefix.isEmpty || prefix.contains(where: lineBreaks.contains) {
            throw fail("The comment prefix must be non-empty and on one line. Choose another prefix.")
        }
        switch options.leadingLines {
        case .skip(let prefix), .collect(let prefix):
            if prefix.isEmpty || prefix.contains(where: lineBreaks.contains) {
                throw fail("The metadata-line prefix must be non-empty and on one line. Choose another prefix.")
            }
        case .none: break
        }
        if options.maxRecordBytes < 1 || options.maxRecordBytes > 1 << 30 {
            throw fail(
                "The record size limit '\(options.maxRecordBytes)' is out of range. Choose 1 to 1073741824 bytes.")
        }
        if options.sampleRows < 0 || options.batchRows < 1 || options.skipLines < 0 || options.parallelism < 1 {
            throw fail("Sample rows, skipped lines, batch rows and parallelism cannot be negative or zero.")
        }
    }
}

/// The sample's verdict: one inference per column, and the column count when there is no header.
struct Sample {
    var inferences: [ColumnInference]
    var columnCount: Int?
    var rows: Int
    /// Columns not looked at (declared).
    var skip: [Bool] = []
}
