import WeirColumns

/// The messages of the errors a chunk parser reports. Lines are 0-based within the chunk until
/// ``ChunkResult/placeLines(startingAt:)`` makes them file lines.
extension ChunkParser {
    private func error(
        _ kind: CSVError.Kind, _ message: String, line: Int, column: Int? = nil, at offset: Int
    ) -> CSVError {
        let name = column.flatMap { $0 >= 1 && $0 <= plan.columnCount ? plan.schema.fields[$0 - 1].name : nil }
        return CSVError(
            kind, message, path: plan.path, line: line, column: column, columnName: name, byteOffset: offset)
    }

    private var origin: Int { bufferOrigin }

    func tooLongError() -> CSVError {
        error(
            .recordTooLong, CSVMessages.recordTooLong(limit: plan.maxRecordBytes), line: currentLine,
            at: origin + currentPosition)
    }

    func unterminatedError(field: Int, quoteAt: Int) -> CSVError {
        error(
            .unterminatedQuote, CSVMessages.unterminatedQuote, line: currentLine, column: field + 1,
            at: origin + quoteAt)
    }

    func textAfterQuoteError(_ problem: ScanProblem) -> CSVError {
        let byte = bufferByte(at: problem.textAfterQuoteAt)
        return error(
            .textAfterQuote,
            "The closing quote of a field is followed by \(describe(byte)) instead of a delimiter or a line break. "
                + "Write a quote inside a quoted field twice (\"\"), or quote the whole field.",
            line: currentLine, column: problem.field + 1, at: origin + problem.textAfterQuoteAt)
    }

    func raggedError(fieldCount: Int, contentEnd: Int, fieldsAt first: Int) -> CSVError {
        let expected = plan.columnCount
        let reference = plan.hasHeader ? "the header has" : "the first row has"
        if fieldCount > expected {
            let extra = fieldSpan(at: first + expected)
            return error(
                .raggedRow,
                "The row has \(fieldCount) fields but \(reference) \(expected). Quote values that contain the "
                    + "delimiter \(describe(plan.dialect.delimiter)), or remove the extra fields.",
                line: currentLine, column: expected + 1,
                at: origin + (extra.map { $0.start - ($0.quoted ? 1 : 0) } ?? currentPosition))
        }
        return error(
            .raggedRow,
            "The row has \(fieldCount) field\(fieldCount == 1 ? "" : "s") but \(reference) \(expected). "
                + "Add the missing fields (empty for null).",
            line: currentLine, column: fieldCount + 1, at: origin + contentEnd)
    }

    func badValueError(_ input: BatchInput, row: Int, column: Int, kind: CSVError.Kind) -> CSVError {
        let span = input.span(row: row, column: column)
        let (bytes, count) = context(input, span)
        let field = plan.schema.fields[column]
        let rowLine = Int(rowSpan(row).line)
        let offset = origin + span.start - (span.quoted ? 1 : 0)
        if kind == .invalidUTF8 {
            let bad = UTF8Validation.firstInvalid(bytes, count) ?? 0
            return error(
                .invalidUTF8,
                "The value is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at "
                    + "position \(bad + 1) of the value). Convert the file to UTF-8, or declare the column as 'binary'.",
                line: rowLine, column: column + 1, at: offset)
        }
        let hint: String
        if plan.declared[column] {
            hint = "Fix the value, or declare the column as 'string'."
        } else if column < plan.tolerant.count && plan.tolerant[column] {
            hint =
                "The column's other values are numbers (in \(Self.sampleDescription(plan.sampledRows))), so this one "
                + "is taken for a stray word. Fix the value, or declare the column as 'string' to keep it as text."
        } else {
            hint =
                "Its type was inferred from \(Self.sampleDescription(plan.sampledRows)); declare the column's type "
                + "(for example 'string') to read it."
        }
        return error(
            .valueMismatch,
            "The value \(Self.quoted(bytes, count)) does not fit the column's type \(field.type.name). " + hint,
            line: rowLine, column: column + 1, at: offset)
    }

    static func sampleDescription(_ rows: Int) -> String {
        rows == 1 ? "a sample of 1 row" : "a sample of \(rows) rows"
    }

    /// A value for a message: in single quotes, at most 60 characters, invalid UTF-8 repaired.
    static func quoted(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> String {
        var text = String(decoding: UnsafeBufferPointer(start: bytes, count: min(count, 240)), as: UTF8.self)
        if text.count > 60 || count > 240 { text = String(text.prefix(60)) + "…" }
        return "'" + text + "'"
    }

    private func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x09: return "a tab"
        case 0x20...0x7E: return "'" + String(UnicodeScalar(byte)) + "'"
        default: return "the byte 0x" + String(byte, radix: 16, uppercase: true)
        }
    }
}
