/// What scanning from the start of a record found.
enum ScanOutcome {
    /// A complete record: its fields were appended. `lines` counts every line break it spans,
    /// its own terminator included (0 for a last record without one).
    case record(next: Int, contentEnd: Int, fieldCount: Int, lines: Int, problem: ScanProblem?)
    /// A blank line or a comment line.
    case skipped(next: Int, lines: Int)
    /// The record runs past the bytes available; read more and scan it again.
    case needMore
    /// No bytes left.
    case endOfInput
    /// The input ended inside a quoted field that opened at `quoteAt`.
    case unterminatedQuote(field: Int, quoteAt: Int)
}

/// A record that scanned to its end but is malformed.
struct ScanProblem {
    /// Something follows a closing quote other than a delimiter or a line break.
    var textAfterQuoteAt: Int
    var field: Int
}

/// Finds the fields of one record at a time in a byte buffer: RFC 4180 quoting with doubled
/// quotes and an optional escape byte, LF, CRLF and CR line breaks, blank and comment lines.
///
/// It never allocates per field; field bounds go into a ``GrowableBuffer`` of ``FieldSpan``.
struct RecordScanner: Sendable {
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")

    let delimiter: UInt8
    let quote: UInt8
    let quoting: Bool
    let escape: UInt8
    let escaping: Bool
    let comment: [UInt8]
    private let table: ByteClasses
    /// The delimiter, and the quote, repeated in every byte of a word for ``ByteSearch``.
    private let delimiterPattern: UInt64
    private let quotedPattern: UInt64

    init(dialect: CSVDialect) {
        delimiter = dialect.delimiter
        quote = dialect.quote ?? 0
        quoting = dialect.quote != nil
        escape = dialect.escape ?? 0
        escaping = dialect.escape != nil && dialect.escape != dialect.quote
        comment = dialect.commentPrefix ?? []
        table = ByteClasses(dialect: dialect)
        delimiterPattern = UInt64(dialect.delimiter) &* 0x0101_0101_0101_0101
        // With an escape byte, quoted fields are searched a byte at a time (two bytes to look for).
        quotedPattern = UInt64(quote) &* 0x0101_0101_0101_0101
    }

    /// Scans the record that starts at `start`, reading no further than `end`.
    ///
    /// - Parameters:
    ///   - atEOF: whether `end` is the end of the input; otherwise a record that reaches `end`
    ///     is incomplete.
    ///   - maxFields: fields past this many are counted but not stored.
    func scan(
        _ base: UnsafePointer<UInt8>, from start: Int, to end: Int, atEOF: Bool,
        into fields: GrowableBuffer<FieldSpan>, maxFields: Int
    ) -> ScanOutcome {
        let lf = Self.lf
        let cr = Self.cr
        var i = start
        guard i < end else { return atEOF ? .endOfInput : .needMore }
        let first = base[i]
        if first == lf { return .skipped(next: i + 1, lines: 1) }
        if first == cr {
            if i + 1 < end { return .skipped(next: base[i + 1] == lf ? i + 2 : i + 1, lines: 1) }
            return atEOF ? .skipped(next: i + 1, lines: 1) : .needMore
        }
        if !comment.isEmpty && first == comment[0] {
            switch lineIfComment(base, from: start, to: end, atEOF: atEOF) {
            case .some(let outcome): return outcome
            case .none: break
            }
        }
        let classes = table.pointer
        // Spans go straight into reserved room; the count is published when the record is done.
        fields.reserve(maxFields)
        let spans = fields.base
        var stored = fields.count
        defer { fields.count = stored }
        var lines = 0
        var fieldIndex = 0
        var problem: ScanProblem?
        while true {
            if quoting && i < end && base[i] == quote {
                let open = i
                i += 1
                let contentStart = i
                var unescape = false
                while true {
                    if escaping {
                        while i < end && classes[Int(base[i])] & ByteClasses.stopsQuoted == 0 { i += 1 }
                    } else {
                        i = ByteSearch.next(
                            base, from: i, to: end, pattern: quotedPattern, classes: classes,
                            stop: ByteClasses.stopsQuoted)
                    }
                    if i >= end {
                        return atEOF ? .unterminatedQuote(field: fieldIndex, quoteAt: open) : .needMore
                    }
                    let byte = base[i]
                    if byte == quote {
                        if i + 1 < end {
                            if base[i + 1] == quote {
                                unescape = true
                                i += 2
                                continue
                            }
                            break
                        }
                        if !atEOF { return .needMore }
                        break
                    } else if escaping && byte == escape {
                        if i + 1 >= end {
                            return atEOF ? .unterminatedQuote(field: fieldIndex, quoteAt: open) : .needMore
                        }
                        unescape = true
                        // An escaped line break is still a line break: let the loop count it.
                        let escaped = base[i + 1]
                        i += escaped == lf || escaped == cr ? 1 : 2
                    } else if byte == lf {
                        lines += 1
                        i += 1
                    } else {
                        // CR: a line break of its own unless an LF follows (then the LF counts).
                        if i + 1 < end {
                            if base[i + 1] != lf { lines += 1 }
                        } else if atEOF {
                            lines += 1
                        } else {
                            return .needMore
                        }
                        i += 1
                    }
                }
                if fieldIndex < maxFields {
                    spans[stored] = FieldSpan(start: contentStart, end: i, quoted: true, needsUnescape: unescape)
                    stored += 1
                }
                i += 1
                if i < end {
                    let byte = base[i]
                    if byte != delimiter && byte != lf && byte != cr {
                        // Read on as if unquoted so that the record still ends where it should.
                        if problem == nil { problem = ScanProblem(textAfterQuoteAt: i, field: fieldIndex) }
                        i = ByteSearch.next(
                            base, from: i, to: end, pattern: delimiterPattern, classes: classes,
                            stop: ByteClasses.stopsUnquoted)
                    }
                }
                if i >= end {
                    if !atEOF { return .needMore }
                    return .record(next: i, contentEnd: i, fieldCount: fieldIndex + 1, lines: lines, problem: problem)
                }
            } else {
                let fieldStart = i
                i = ByteSearch.next(
                    base, from: i, to: end, pattern: delimiterPattern, classes: classes, stop: ByteClasses.stopsUnquoted
                )
                if i >= end {
                    if !atEOF { return .needMore }
                    if fieldIndex < maxFields {
                        spans[stored] = FieldSpan(start: fieldStart, end: i)
                        stored += 1
                    }
                    return .record(next: i, contentEnd: i, fieldCount: fieldIndex + 1, lines: lines, problem: problem)
                }
                if fieldIndex < maxFields {
                    spans[stored] = FieldSpan(start: fieldStart, end: i)
                    stored += 1
                }
            }
            let byte = base[i]
            if byte == delimiter {
                i += 1
                fieldIndex += 1
                continue
            }
            let contentEnd = i
            if byte == lf {
                return .record(
                    next: i + 1, contentEnd: contentEnd, fieldCount: fieldIndex + 1, lines: lines + 1, problem: problem)
            }
            if i + 1 < end {
                let next = base[i + 1] == lf ? i + 2 : i + 1
                return .record(
                    next: next, contentEnd: contentEnd, fieldCount: fieldIndex + 1, lines: lines + 1, problem: problem)
            }
            if !atEOF { return .needMore }
            return .record(
                next: i + 1, contentEnd: contentEnd, fieldCount: fieldIndex + 1, lines: lines + 1, problem: problem)
        }
    }

    /// The skipped comment line at `start`, `.needMore` when the prefix or line is cut off, or
    /// `nil` when the line is not a comment.
    private func lineIfComment(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, atEOF: Bool)
        -> ScanOutcome?
    {
        for (offset, byte) in comment.enumerated() {
            if start + offset >= end { return atEOF ? nil : .needMore }
            if base[start + offset] != byte { return nil }
        }
        switch LineBreaks.lineEnd(base, from: start, to: end, atEOF: atEOF) {
        case .found(_, let next): return .skipped(next: next, lines: 1)
        case .endOfInput: return .skipped(next: end, lines: 0)
        case .needMore: return .needMore
        }
    }
}
