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
                metadata.append(
                    CSVMetadataLine(line: number, text: String(decoding: bytes, as: UTF8.self).trimmingSpaces()))
            }
        }
        dataStart = position
        dataLine = line
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
                    if UTF8Validation.firstInvalid(bytes, count) != nil {
                        throw headerError(
                            .invalidUTF8, "The column name is not valid UTF-8. Convert the file to UTF-8.",
                            column: index + 1, at: span.start - (span.quoted ? 1 : 0))
                    }
                    names.append(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
                }
                position = next
                line += lines
                dataStart = position
                dataLine = line
                return Self.uniqueNames(names)
            }
        }
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

    /// Infers types from up to `sampleRows` well-formed rows; without a header, the first row
    /// fixes the column count.
    mutating func readSample(columnCount known: Int?) throws(CSVError) -> Sample {
        var columnCount = known
        var inferences = [ColumnInference](repeating: ColumnInference(), count: known ?? 0)
        let fields = GrowableBuffer<FieldSpan>(capacity: 1024)
        let context = BuildContext(nulls: NullMatcher(options.nullStrings), dialect: options.dialect, maxBad: 1)
        var rows = 0
        var cursor = position
        while rows < options.sampleRows {
            fields.removeAll()
            let outcome = scanner.scan(
                buffer.base, from: cursor, to: buffer.count, atEOF: buffer.reachesEnd, into: fields,
                maxFields: (columnCount ?? Prologue.maxColumns) + 1)
            switch outcome {
            case .needMore:
                if buffer.count - cursor > options.maxRecordBytes || buffer.count >= Prologue.maxSampleBytes {
                    return Sample(inferences: inferences, columnCount: columnCount, rows: rows)
                }
                try grow()
            case .skipped(let next, _):
                cursor = next
            case .endOfInput, .unterminatedQuote:
                return Sample(inferences: inferences, columnCount: columnCount, rows: rows)
            case .record(let next, let contentEnd, let fieldCount, _, let problem):
                defer { cursor = next }
                if columnCount == nil {
                    columnCount = min(fieldCount, Prologue.maxColumns)
                    inferences = [ColumnInference](repeating: ColumnInference(), count: columnCount!)
                }
                guard problem == nil, fieldCount == columnCount, contentEnd - cursor <= options.maxRecordBytes else {
                    continue
                }
                rows += 1
                for index in 0..<fieldCount {
                    let span = fields[index]
                    let (bytes, count) =
                        span.needsUnescape
                        ? context.unescaped(buffer.base + span.start, span.count)
                        : (UnsafePointer(buffer.base + span.start), span.count)
                    if !span.quoted && context.nulls.matches(bytes, count) { continue }
                    inferences[index].observe(bytes, count)
                }
            }
        }
        return Sample(inferences: inferences, columnCount: columnCount, rows: rows)
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
