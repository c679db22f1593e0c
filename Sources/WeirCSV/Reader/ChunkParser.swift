import WeirColumns

/// Parses one stretch of a file, from a record boundary up to the first record boundary at or
/// after a limit, into typed batches: records are found first, then each column is built.
///
/// One parser per thread; it keeps its buffers between chunks.
final class ChunkParser {
    let plan: ParsePlan
    private let buffer: ChunkBuffer
    private let fields = GrowableBuffer<FieldSpan>(capacity: 1 << 12)
    private let rows = GrowableBuffer<RowSpan>(capacity: 1 << 10)
    private let context: BuildContext
    private let failFast: Bool

    // State of the chunk being parsed.
    private var batches: [CSVBatch] = []
    /// Rejected records with the buffer offset where each starts, which orders them.
    private var pendingRejects: [(start: Int, row: CSVRejectedRow)] = []
    private var structuralError: CSVError? {
        didSet { stopped = failFast }
    }
    private var valueError: CSVError? {
        didSet { stopped = failFast }
    }
    /// Set once the chunk has failed; checked per record instead of the optional errors.
    private var stopped = false
    /// A value did not fit a column typed from a quick sample; the chunk's result is void.
    private var speculationFailed = false
    private var position = 0
    private var line = 0

    init(plan: ParsePlan) {
        self.plan = plan
        buffer = ChunkBuffer(source: plan.source)
        failFast = plan.errorMode == .failFile
        context = BuildContext(
            nulls: plan.nulls, dialect: plan.dialect, maxBad: failFast ? 1 : Int.max, decimalComma: plan.decimalComma,
            latin1: plan.latin1, localTimeZone: plan.localTimeZone)
    }

    /// Parses the records that start in `start..<limit` (the last may end past `limit`).
    func parse(from start: Int, to limit: Int) -> ChunkResult {
        batches = []
        pendingRejects = []
        structuralError = nil
        valueError = nil
        stopped = false
        speculationFailed = false
        rows.removeAll()
        fields.removeAll()
        position = 0
        line = 0
        var result = ChunkResult(start: start, limit: limit, end: start, lines: 0, batches: [], error: nil)
        // A chunk whose records the one before already read to its end holds nothing more.
        guard limit > start else { return result }
        do {
            try buffer.load(from: start, count: max(0, limit - start) + (1 << 16))
            try scanRecords(until: limit)
            flush()
            result.end = buffer.origin + position
            result.lines = line
        } catch {
            result.error = error
        }
        if result.error == nil { result.error = valueError ?? structuralError }
        result.speculationFailed = speculationFailed
        result.batches = batches
        batches = []
        buffer.shrink(to: max(plan.chunkBytes, 1 << 16) * 2)
        return result
    }

    private func scanRecords(until limit: Int) throws(CSVError) {
        let scanner = plan.scanner
        let columnCount = plan.columnCount
        let maxRecordBytes = plan.maxRecordBytes
        while buffer.origin + position < limit {
            let fieldsBefore = fields.count
            let outcome = scanner.scan(
                buffer.base, from: position, to: buffer.count, atEOF: buffer.reachesEnd, into: fields,
                maxFields: columnCount + 1)
            switch outcome {
            case .record(let next, let contentEnd, let fieldCount, let lines, let problem):
                if contentEnd - position > maxRecordBytes {
                    fields.count = fieldsBefore
                    try malformed(tooLongError())
                } else if let problem {
                    fields.count = fieldsBefore
                    reject(textAfterQuoteError(problem), contentEnd: contentEnd)
                    advance(to: next, lines: lines)
                } else if fieldCount != columnCount {
                    let error = raggedError(fieldCount: fieldCount, contentEnd: contentEnd, fieldsAt: fieldsBefore)
                    fields.count = fieldsBefore
                    reject(error, contentEnd: contentEnd)
                    advance(to: next, lines: lines)
                } else {
                    rows.append(
                        RowSpan(
                            start: UInt32(position), end: UInt32(contentEnd), line: UInt32(truncatingIfNeeded: line)))
                    advance(to: next, lines: lines)
                    if rows.count >= plan.batchRows { flush() }
                }
            case .skipped(let next, let lines):
                advance(to: next, lines: lines)
            case .needMore:
                fields.count = fieldsBefore
                if buffer.count - position - 1 > maxRecordBytes {
                    try malformed(tooLongError())
                } else {
                    let wanted = min(max(buffer.count * 2, buffer.count + (1 << 16)), position + maxRecordBytes + 2)
                    try buffer.extend(to: max(wanted, buffer.count + 1))
                }
            case .endOfInput:
                return
            case .unterminatedQuote(let field, let quoteAt):
                fields.count = fieldsBefore
                if buffer.count - position > maxRecordBytes {
                    try malformed(tooLongError())
                } else {
                    try malformed(unterminatedError(field: field, quoteAt: quoteAt))
                }
            }
            if stopped { return }
        }
    }

    // Read-only views for the error messages in ChunkParser+Errors.swift.
    var bufferOrigin: Int { buffer.origin }
    var currentLine: Int { line }
    var currentPosition: Int { position }
    func bufferByte(at offset: Int) -> UInt8 { buffer.base[offset] }
    func fieldSpan(at index: Int) -> FieldSpan? { index < fields.count ? fields[index] : nil }
    func rowSpan(_ row: Int) -> RowSpan { rows[row] }
    func context(_ input: BatchInput, _ span: FieldSpan) -> (UnsafePointer<UInt8>, Int) {
        context.content(input, span)
    }

    @inline(__always)
    private func advance(to next: Int, lines: Int) {
        position = next
        line += lines
    }

    /// Handles a record whose end cannot be trusted: in reject mode its first physical line is
    /// set aside and reading resumes on the next line.
    private func malformed(_ error: CSVError) throws(CSVError) {
        if failFast {
            structuralError = error
            return
        }
        switch LineBreaks.lineEnd(buffer.base, from: position, to: buffer.count, atEOF: buffer.reachesEnd) {
        case .found(let contentEnd, let next):
            reject(error, contentEnd: contentEnd)
            advance(to: next, lines: 1)
        case .endOfInput:
            reject(error, contentEnd: buffer.count)
            position = buffer.count
        case .needMore:
            // A line longer than the buffer: keep its start, then skip the rest without holding it.
            reject(error, contentEnd: buffer.count)
            flush()
            var searchFrom = buffer.origin + buffer.count - 1
            while true {
                try buffer.load(from: searchFrom, count: 1 << 16)
                switch LineBreaks.lineEnd(buffer.base, from: 0, to: buffer.count, atEOF: buffer.reachesEnd) {
                case .found(_, let next):
                    advance(to: next, lines: 1)
                    return
                case .endOfInput:
                    position = buffer.count
                    return
                case .needMore:
                    searchFrom = buffer.origin + buffer.count - 1
                }
            }
        }
    }

    private func reject(_ error: CSVError, contentEnd: Int) {
        if failFast {
            if structuralError == nil { structuralError = error }
            return
        }
        let end = min(contentEnd, position + CSVRejectedRow.maxTextBytes)
        let text = Array(UnsafeBufferPointer(start: buffer.base + position, count: max(0, end - position)))
        pendingRejects.append((position, CSVRejectedRow(error: error, text: text)))
    }

    /// Builds the typed columns of the rows found since the last flush.
    private func flush() {
        guard rows.count > 0 || !pendingRejects.isEmpty else { return }
        let columnCount = plan.columnCount
        let input = BatchInput(
            base: buffer.base, fields: fields.base, rowCount: rows.count, columnCount: columnCount)
        var columns: [Column] = []
        columns.reserveCapacity(columnCount)
        var firstBad: [Int: (column: Int, kind: CSVError.Kind)] = [:]
        for column in 0..<columnCount {
            let built = ColumnBuilder.build(plan.parsers[column], input, column: column, context: context)
            if !built.bad.isEmpty && plan.isSpeculative && plan.speculative[column] {
                speculationFailed = true
                stopped = true
                rows.removeAll()
                fields.removeAll()
                pendingRejects = []
                return
            }
            columns.append(Column(field: plan.schema.fields[column], storage: built.storage, validity: built.validity))
            for bad in built.bad where firstBad[bad.row] == nil { firstBad[bad.row] = (column, bad.kind) }
        }
        var rejects = pendingRejects
        if !firstBad.isEmpty {
            if failFast {
                let row = firstBad.keys.min()!
                valueError =
                    valueError
                    ?? badValueError(input, row: row, column: firstBad[row]!.column, kind: firstBad[row]!.kind)
            } else {
                var keep = [Bool](repeating: true, count: rows.count)
                for (row, bad) in firstBad {
                    keep[row] = false
                    let error = badValueError(input, row: row, column: bad.column, kind: bad.kind)
                    let span = rows[row]
                    let end = min(Int(span.end), Int(span.start) + CSVRejectedRow.maxTextBytes)
                    let text = Array(
                        UnsafeBufferPointer(start: buffer.base + Int(span.start), count: end - Int(span.start)))
                    rejects.append((Int(span.start), CSVRejectedRow(error: error, text: text)))
                }
                columns = columns.map { $0.filtered(keep) }
                rejects.sort { $0.start < $1.start }
            }
        }
        batches.append(
            CSVBatch(records: RecordBatch(schema: plan.schema, columns: columns), rejects: rejects.map(\.row)))
        rows.removeAll()
        fields.removeAll()
        pendingRejects = []
    }
}
