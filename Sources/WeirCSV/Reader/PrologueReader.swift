import WeirColumns

/// Walks the start of a file for ``Prologue``, growing its buffer as lines need.
struct PrologueReader {
    let source: ByteSource
    let options: CSVOptions
    private let buffer: ChunkBuffer
    private let scanner: RecordScanner
    private var position = 0
    private var line = 1
    private(set) var metadata: [CSVMetadataLine] = []
    private(set) var dataStart = 0
    private(set) var dataLine = 1

    init(source: ByteSource, options: CSVOptions) {
        self.source = source
        self.options = options
        buffer = ChunkBuffer(source: source)
        scanner = RecordScanner(dialect: options.dialect)
    }

    /// Byte order mark, skipped lines, and metadata lines with blank lines between them.
    mutating func readLeadingLines() throws(CSVError) {
        try buffer.load(from: 0, count: 1 << 16)
        if buffer.count >= 3 && buffer.base[0] == 0xEF && buffer.base[1] == 0xBB && buffer.base[2] == 0xBF {
            position = 3
        }
        try rejectOtherEncodings()
        for _ in 0..<options.skipLines {
            guard try nextLine() != nil else { break }
        }
        let prefix: [UInt8]
        switch options.leadingLines {
        case .none:
            dataStart = position
            dataLine = line
            return
        case .skip(let value), .collect(let value): prefix = value
        }
        while true {
            try ensure(prefix.count)
            let available = buffer.count - position
            if available > 0 && (buffer.base[position] == RecordScanner.lf || buffer.base[position] == RecordScanner.cr)
            {
                _ = try nextLine()
                continue
            }
            guard available >= prefix.count,
                memcmpEqual(buffer.base + position, prefix, prefix.count)
            else { break }
            let number = line
            guard let (start, end) = try nextLine() else { break }
            if case .collect = options.leadingLines {
                let bytes = UnsafeBufferPointer(
                    start: buffer.base + start + prefix.count, count: end - start - prefix.count)
                let text =
                    options.latin1
                    ? Windows1252.string(bytes.baseAddress!, bytes.count) : String(decoding: bytes, as: UTF8.self)
                metadata.append(CSVMetadataLine(line: number, text: text.trimmingSpaces()))
            }
        }
        dataStart = position
        dataLine = line
    }

    /// Files that are not text in UTF-8 (or ASCII) at all get a clear message instead of garbage.
    private func rejectOtherEncodings() throws(CSVError) {
        let first = buffer.count >= 2 ? (buffer.base[0], buffer.base[1]) : (0, 0)
        let problem: String?
        switch first {
        case (0xFF, 0xFE), (0xFE, 0xFF):
            problem = "The file is UTF-16 text (it starts with a UTF-16 byte order mark). Convert it to UTF-8."
        case (0x1F, 0x8B):
            problem = "The file is gzip-compressed. Decompress it first (gunzip)."
        case (0x50, 0x4B) where buffer.count >= 4 && buffer.base[2] == 0x03 && buffer.base[3] == 0x04:
            problem = "The file is a ZIP archive (an Excel workbook, perhaps). Export or extract the CSV first."
        default:
            problem = nil
        }
        if let problem { throw CSVError(.invalidUTF8, problem, path: source.name, line: 1, byteOffset: 0) }
    }

    /// The column names, or `nil` without a header.
    mutating func readHeader() throws(CSVError) -> [String]? {
        guard options.dialect.hasHeader else { return nil }
        let fields = GrowableBuffer<FieldSpan>(capacity: 64)
        let context = BuildContext(nulls: NullMatcher([]), dialect: options.dialect, maxBad: 1)
        while true {
            fields.removeAll()
            switch scanner.scan(
                buffer.base, from: position, to: buffer.count, atEOF: buffer.reachesEnd, into: fields,
                maxFields: Prologue.maxColumns + 1)
            {
            case .needMore:
                try grow()
            case .skipped(let next, let lines):
                position = next
                line += lines
            case .endOfInput:
                return nil
            case .unterminatedQuote(let field, let quoteAt):
                throw headerError(
                    .unterminatedQuote, "The header has a quoted name with no closing quote. Close the quote.",
                    column: field + 1, at: quoteAt)
            case .record(let next, _, let fieldCount, let lines, let problem):
                if let problem {
                    throw headerError(
                        .textAfterQuote,
                        "In the header, a closing quote is followed by text. Quote the whole name, with inner quotes "
                            + "written twice.", column: problem.field + 1, at: problem.textAfterQuoteAt)
                }
                if fieldCount > Prologue.maxColumns {
                    throw headerError(
                        .schemaMismatch,
                        "The header has \(fieldCount) columns, more than the \(Prologue.maxColumns) supported. Check the "
                            + "delimiter.", column: nil, at: position)
                }
                var names: [String] = []
                for index in 0..<fieldCount {
                    let span = fields[index]
                    let (bytes, count) =
                        span.needsUnescape
                        ? context.unescaped(buffer.base + span.start, span.count)
                        : (UnsafePointer(buffer.base + span.start), span.count)
                    if options.latin1 {
                        names.append(Windows1252.string(bytes, count))
                        continue
                    }
                    if UTF8Validation.firstInvalid(bytes, count) != nil {
                        throw headerError(
                            .invalidUTF8,
                            "The column name is not valid UTF-8. Convert the file to UTF-8, or read it as Latin-1 "
                                + "(Windows-1252).",
                            column: index + 1, at: span.start - (span.quoted ? 1 : 0))
                    }
                    names.append(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
                }
                if Self.looksLikeData(names, decimalComma: options.decimalComma) {
                    let shown = names.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
                    throw headerError(
                        .missingHeader,
                        "The first line looks like data, not a header: every field is a number (\(shown)"
                            + "\(names.count > 3 ? ", …" : "")). Add the header line, or read the file without a header.",
                        column: nil, at: position)
                }
                position = next
                line += lines
                dataStart = position
                dataLine = line
                return Self.uniqueNames(names)
            }
        }
    }

    /// Whether header fields are measurements rather than names: every one is a number, and at
    /// least one has a sign, a decimal point or an exponent (so that years or ids as column names,
    /// such as `2023,2024`, still make a header).
    static func looksLikeData(_ names: [String], decimalComma: Bool = false) -> Bool {
        guard !names.isEmpty else { return false }
        var measurement = false
        for name in names {
            var bytes = Array(name.utf8)
            if decimalComma { bytes = bytes.map { $0 == UInt8(ascii: ",") ? UInt8(ascii: ".") : $0 } }
            let count = bytes.count
            let parsed = bytes.withUnsafeMutableBufferPointer { buffer in
                count > 0 ? DoubleParser.parse(buffer.baseAddress!, count) : nil
            }
            guard parsed != nil else { return false }
            if bytes.contains(where: { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 || $0 == 0x2D || $0 == 0x2B }) {
                measurement = true
            }
        }
        return measurement
    }

    /// Empty names become `column_N`; repeated names get `_2`, `_3`, … so every name is unique.
    static func uniqueNames(_ names: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for (index, raw) in names.enumerated() {
            let base = raw.isEmpty ? "column_\(index + 1)" : raw
            var name = base
            var suffix = 2
            while seen.contains(name) {
                name = "\(base)_\(suffix)"
                suffix += 1
            }
            seen.insert(name)
            result.append(name)
        }
        return result
    }

    /// Infers types from up to `rows` well-formed rows at the start, then (with `spread`) from a few
    /// rows in each of ``Prologue/spreadWindows`` windows spread over the rest of a large file.
    /// Without a header, the first row fixes the column count. Columns whose `skip` entry is true
    /// (declared ones) are not looked at.
    mutating func readSample(columnCount known: Int?, rows limit: Int, spread: Bool, skip: [Bool]) throws(CSVError)
        -> Sample
    {
        if let known, known > 0, skip.count == known, !skip.contains(false) {
            // Every column is declared: nothing to infer.
            return Sample(
                inferences: [ColumnInference](repeating: ColumnInference(), count: known), columnCount: known, rows: 0)
        }
        var sample = Sample(inferences: [], columnCount: known, rows: 0)
        sample.skip = skip
        if let known { sample.inferences = [ColumnInference](repeating: ColumnInference(), count: known) }
        let fields = GrowableBuffer<FieldSpan>(capacity: 1024)
        let context = BuildContext(
            nulls: NullMatcher(options.nullStrings), dialect: options.dialect, maxBad: 1,
            decimalComma: options.decimalComma)
        var cursor = position
        var cursorLine = line
        var quotedLineBreaks = false
        head: while sample.rows < limit || sample.columnCount == nil {
            fields.removeAll()
            let outcome = scanner.scan(
                buffer.base, from: cursor, to: buffer.count, atEOF: buffer.reachesEnd, into: fields,
                maxFields: (sample.columnCount ?? Prologue.maxColumns) + 1)
            switch outcome {
            case .needMore:
                if buffer.count - cursor > options.maxRecordBytes || buffer.count >= Prologue.maxSampleBytes {
                    if sample.columnCount == nil {
                        // Without a header the first row gives the column count: a bad one is skipped like the
                        // chunk parser skips it in reject-rows mode, or reported.
                        let error = CSVError(
                            .recordTooLong, CSVMessages.recordTooLong(limit: options.maxRecordBytes), path: source.name,
                            line: cursorLine, byteOffset: buffer.origin + cursor)
                        cursor = try skipLine(at: cursor, else: error)
                        cursorLine += 1
                        continue head
                    }
                    break head
                }
                try grow()
            case .skipped(let next, let lines):
                cursor = next
                cursorLine += lines
            case .endOfInput:
                break head
            case .unterminatedQuote(let field, let quoteAt):
                if sample.columnCount == nil {
                    let error = CSVError(
                        .unterminatedQuote, CSVMessages.unterminatedQuote, path: source.name, line: cursorLine,
                        column: field + 1, columnName: "column_\(field + 1)", byteOffset: buffer.origin + quoteAt)
                    cursor = try skipLine(at: cursor, else: error)
                    cursorLine += 1
                    continue head
                }
                break head
            case .record(let next, let contentEnd, let fieldCount, let lines, let problem):
                if sample.columnCount == nil {
                    sample.columnCount = min(fieldCount, Prologue.maxColumns)
                    sample.inferences = [ColumnInference](repeating: ColumnInference(), count: sample.columnCount!)
                }
                if lines > 1 { quotedLineBreaks = true }
                if problem == nil && contentEnd - cursor <= options.maxRecordBytes && sample.rows < limit {
                    observe(fields, fieldCount, in: buffer, context: context, into: &sample)
                }
                cursor = next
                cursorLine += lines
            }
        }
        // Rows from further into the file. A window may start inside a quoted field when quoted
        // fields hold line breaks, so then only the head counts.
        if spread && !buffer.reachesEnd && !quotedLineBreaks && sample.columnCount != nil && limit > 0 {
            try sampleSpread(from: buffer.origin + cursor, fields: fields, context: context, into: &sample)
        }
        return sample
    }

    /// In reject-rows mode, the start of the line after the one at `cursor`; otherwise, or when
    /// that line does not end within the sample's reach, throws `error`.
    private mutating func skipLine(at cursor: Int, else error: CSVError) throws(CSVError) -> Int {
        guard options.errorMode == .rejectRows else { throw error }
        while true {
            switch LineBreaks.lineEnd(buffer.base, from: cursor, to: buffer.count, atEOF: buffer.reachesEnd) {
            case .found(_, let next): return next
            case .endOfInput: return buffer.count
            case .needMore:
                guard buffer.count < Prologue.maxSampleBytes else { throw error }
                try grow()
            }
        }
    }

    private func sampleSpread(
        from start: Int, fields: GrowableBuffer<FieldSpan>, context: BuildContext, into sample: inout Sample
    ) throws(CSVError) {
        let window = ChunkBuffer(source: source)
        let windows = Prologue.spreadWindows
        for index in 1...windows {
            let offset = start + (source.size - start) / (windows + 1) * index
            try window.load(from: offset, count: Prologue.spreadWindowBytes)
            guard case .found(_, var cursor) = LineBreaks.lineEnd(window.base, from: 0, to: window.count, atEOF: true)
            else { continue }
            var rows = 0
            records: while rows < Prologue.spreadWindowRows {
                fields.removeAll()
                switch scanner.scan(
                    window.base, from: cursor, to: window.count, atEOF: window.reachesEnd, into: fields,
                    maxFields: sample.columnCount! + 1)
                {
                case .record(let next, _, let fieldCount, _, let problem):
                    if problem == nil && observe(fields, fieldCount, in: window, context: context, into: &sample) {
                        rows += 1
                    }
                    cursor = next
                case .skipped(let next, _):
                    cursor = next
                case .needMore, .endOfInput, .unterminatedQuote:
                    break records
                }
            }
        }
    }

    /// Feeds a well-formed row of the right width to the inferences.
    @discardableResult
    private func observe(
        _ fields: GrowableBuffer<FieldSpan>, _ fieldCount: Int, in buffer: ChunkBuffer, context: BuildContext,
        into sample: inout Sample
    ) -> Bool {
        guard fieldCount == sample.columnCount else { return false }
        sample.rows += 1
        for index in 0..<fieldCount where index >= sample.skip.count || !sample.skip[index] {
            let span = fields[index]
            let (bytes, count) =
                span.needsUnescape
                ? context.unescaped(buffer.base + span.start, span.count)
                : (UnsafePointer(buffer.base + span.start), span.count)
            if !span.quoted && context.nulls.matches(bytes, count) { continue }
            if context.decimalComma {
                let (pointed, length) = context.withDecimalPoint(bytes, count)
                sample.inferences[index].observe(pointed, length)
            } else {
                sample.inferences[index].observe(bytes, count)
            }
        }
        return true
    }

    private mutating func grow() throws(CSVError) {
        if buffer.reachesEnd { return }
        try buffer.extend(to: buffer.count * 2)
    }

    /// Makes sure `count` bytes past the position are loaded when the file has them.
    private mutating func ensure(_ count: Int) throws(CSVError) {
        while buffer.count - position < count && !buffer.reachesEnd { try grow() }
    }

    /// The content range of the line at the position, moving past it; `nil` at the end.
    private mutating func nextLine() throws(CSVError) -> (Int, Int)? {
        while true {
            switch LineBreaks.lineEnd(buffer.base, from: position, to: buffer.count, atEOF: buffer.reachesEnd) {
            case .found(let contentEnd, let next):
                defer {
                    position = next
                    line += 1
                }
                return (position, contentEnd)
            case .endOfInput:
                guard position < buffer.count else { return nil }
                defer { position = buffer.count }
                return (position, buffer.count)
            case .needMore:
                if buffer.count - position > options.maxRecordBytes {
                    throw CSVError(
                        .recordTooLong,
                        "The line is longer than the limit of \(options.maxRecordBytes) bytes. Check that this is a "
                            + "text file with line breaks.", path: source.name, line: line, byteOffset: position)
                }
                try grow()
            }
        }
    }

    private func headerError(_ kind: CSVError.Kind, _ message: String, column: Int?, at offset: Int) -> CSVError {
        CSVError(kind, message, path: source.name, line: line, column: column, byteOffset: offset)
    }
}
