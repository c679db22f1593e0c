@testable import WeirCSV

/// A deliberately plain CSV parser, one byte at a time, for the default dialect (comma, double
/// quote, RFC 4180 doubling, a header, "" as the only null string, no metadata lines). The
/// property tests check the fast reader against it.
struct ReferenceParser {
    /// An error as the tests compare it: what and where.
    struct Problem: Equatable, CustomStringConvertible {
        var kind: CSVError.Kind
        var line: Int?
        var column: Int?
        var byteOffset: Int?
        var description: String { "\(kind) line \(line ?? 0) column \(column ?? 0) byte \(byteOffset ?? -1)" }

        init(_ kind: CSVError.Kind, line: Int?, column: Int?, byteOffset: Int?) {
            self.kind = kind
            self.line = line
            self.column = column
            self.byteOffset = byteOffset
        }

        init(_ error: CSVError) {
            self.init(error.kind, line: error.line, column: error.column, byteOffset: error.byteOffset)
        }
    }

    struct Result: Equatable {
        var rows: [[String?]] = []
        var rejects: [Problem] = []
        var failure: Problem?
    }

    private struct Field {
        var bytes: [UInt8]
        var quoted: Bool
        var start: Int
    }

    private enum Record {
        case fields([Field], end: Int, next: Int, lines: Int, textAfterQuote: (at: Int, field: Int)?)
        case blank(next: Int)
        case unterminated(field: Int, quoteAt: Int)
    }

    let input: [UInt8]
    /// An escape byte inside quoted fields, when the dialect has one.
    var escape: UInt8?

    /// Reads the record starting at `start` by walking the bytes once.
    private func record(at start: Int) -> Record {
        var i = start
        if input[i] == 0x0A { return .blank(next: i + 1) }
        if input[i] == 0x0D { return .blank(next: i + 1 < input.count && input[i + 1] == 0x0A ? i + 2 : i + 1) }
        var fields: [Field] = []
        var lines = 0
        var textAfterQuote: (Int, Int)?
        while true {
            let fieldStart = i
            var bytes: [UInt8] = []
            var quoted = false
            if i < input.count && input[i] == 0x22 {
                quoted = true
                i += 1
                while true {
                    if i == input.count { return .unterminated(field: fields.count, quoteAt: fieldStart) }
                    let byte = input[i]
                    if let escape, byte == escape {
                        guard i + 1 < input.count else {
                            return .unterminated(field: fields.count, quoteAt: fieldStart)
                        }
                        // The escaped byte is taken as it is; a line break still counts.
                        i += 1
                        let escaped = input[i]
                        if escaped == 0x0A || (escaped == 0x0D && !(i + 1 < input.count && input[i + 1] == 0x0A)) {
                            lines += 1
                        }
                        bytes.append(escaped)
                        i += 1
                        continue
                    }
                    if byte == 0x22 {
                        if i + 1 < input.count && input[i + 1] == 0x22 {
                            bytes.append(0x22)
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    if byte == 0x0A || (byte == 0x0D && !(i + 1 < input.count && input[i + 1] == 0x0A)) { lines += 1 }
                    bytes.append(byte)
                    i += 1
                }
                if i < input.count && ![0x2C, 0x0A, 0x0D].contains(input[i]) {
                    if textAfterQuote == nil { textAfterQuote = (i, fields.count) }
                    while i < input.count && ![0x2C, 0x0A, 0x0D].contains(input[i]) { i += 1 }
                }
            } else {
                while i < input.count && ![0x2C, 0x0A, 0x0D].contains(input[i]) {
                    bytes.append(input[i])
                    i += 1
                }
            }
            fields.append(Field(bytes: bytes, quoted: quoted, start: fieldStart))
            if i == input.count {
                return .fields(fields, end: i, next: i, lines: lines, textAfterQuote: textAfterQuote)
            }
            if input[i] == 0x2C {
                i += 1
                continue
            }
            let next = input[i] == 0x0D && i + 1 < input.count && input[i + 1] == 0x0A ? i + 2 : i + 1
            return .fields(fields, end: i, next: next, lines: lines + 1, textAfterQuote: textAfterQuote)
        }
    }

    /// The position after the first line break at or after `start`.
    private func nextLine(after start: Int) -> Int {
        var i = start
        while i < input.count {
            if input[i] == 0x0A { return i + 1 }
            if input[i] == 0x0D { return i + 1 < input.count && input[i + 1] == 0x0A ? i + 2 : i + 1 }
            i += 1
        }
        return input.count
    }

    func parse(rejecting: Bool) -> Result {
        var result = Result()
        var position = 0
        var line = 1
        var columns: Int?
        while position < input.count {
            switch record(at: position) {
            case .blank(let next):
                position = next
                line += 1
            case .unterminated(let field, let quoteAt):
                let problem = Problem(.unterminatedQuote, line: line, column: field + 1, byteOffset: quoteAt)
                guard columns != nil, rejecting else {
                    result.failure = problem
                    return result
                }
                result.rejects.append(problem)
                position = nextLine(after: position)
                line += 1
            case .fields(let fields, let end, let next, let lines, let textAfterQuote):
                var problem: Problem?
                if let (at, field) = textAfterQuote {
                    problem = Problem(.textAfterQuote, line: line, column: field + 1, byteOffset: at)
                } else if let expected = columns, fields.count != expected {
                    problem =
                        fields.count > expected
                        ? Problem(.raggedRow, line: line, column: expected + 1, byteOffset: fields[expected].start)
                        : Problem(.raggedRow, line: line, column: fields.count + 1, byteOffset: end)
                } else if let bad = fields.firstIndex(where: { !isUTF8($0.bytes) }) {
                    problem = Problem(.invalidUTF8, line: line, column: bad + 1, byteOffset: fields[bad].start)
                }
                if columns == nil {
                    // The header.
                    if let problem {
                        result.failure = problem
                        return result
                    }
                    columns = fields.count
                } else if let problem {
                    guard rejecting else {
                        result.failure = problem
                        return result
                    }
                    result.rejects.append(problem)
                } else {
                    result.rows.append(
                        fields.map { $0.quoted || !$0.bytes.isEmpty ? String(decoding: $0.bytes, as: UTF8.self) : nil })
                }
                position = next
                line += lines
            }
        }
        if columns == nil {
            result.failure = Problem(.emptyFile, line: nil, column: nil, byteOffset: nil)
        }
        return result
    }

    private func isUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
