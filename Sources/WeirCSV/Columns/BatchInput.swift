import WeirColumns

/// The rows of one batch as spans in a chunk buffer, ready to become typed columns.
struct BatchInput {
    let base: UnsafePointer<UInt8>
    let fields: UnsafePointer<FieldSpan>
    let rowCount: Int
    let columnCount: Int

    @inline(__always)
    func span(row: Int, column: Int) -> FieldSpan {
        fields[row &* columnCount &+ column]
    }
}

/// Settings and scratch space the column builders share within one chunk parser.
final class BuildContext {
    let nulls: NullMatcher
    let quote: UInt8
    let escape: UInt8?
    /// How many bad values per column to report: 1 when the file fails at the first.
    let maxBad: Int
    private let scratch = GrowableBuffer<UInt8>(capacity: 256)
    /// A valid address for empty values.
    let emptyBytes: UnsafePointer<UInt8>

    /// Numbers have a decimal comma (``CSVOptions/decimalComma``).
    let decimalComma: Bool
    private let numberScratch = GrowableBuffer<UInt8>(capacity: 64)

    /// Text is Windows-1252 (``CSVOptions/latin1``).
    let latin1: Bool

    /// The zone of readings without an offset in UTC timestamp columns (``CSVOptions/localTimeZone``).
    let localTimeZone: (any CSVLocalTimeZone)?

    init(
        nulls: NullMatcher, dialect: CSVDialect, maxBad: Int, decimalComma: Bool = false, latin1: Bool = false,
        localTimeZone: (any CSVLocalTimeZone)? = nil
    ) {
        self.latin1 = latin1
        self.localTimeZone = localTimeZone
        self.nulls = nulls
        quote = dialect.quote ?? 0
        escape = dialect.escape == dialect.quote ? nil : dialect.escape
        self.maxBad = maxBad
        self.decimalComma = decimalComma
        emptyBytes = UnsafePointer(scratch.base)
    }

    /// `bytes` with each comma made a decimal point, in scratch space that stays valid until the
    /// next call.
    func withDecimalPoint(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> (UnsafePointer<UInt8>, Int) {
        numberScratch.removeAll()
        for index in 0..<count {
            numberScratch.append(bytes[index] == UInt8(ascii: ",") ? UInt8(ascii: ".") : bytes[index])
        }
        return (UnsafePointer(numberScratch.base), count)
    }

    /// The field's content: in place, or with doubled quotes and escapes removed into scratch
    /// space that stays valid until the next call.
    @inline(__always)
    func content(_ input: BatchInput, _ span: FieldSpan) -> (UnsafePointer<UInt8>, Int) {
        if !span.needsUnescape { return (input.base + span.start, span.count) }
        return unescaped(input.base + span.start, span.count)
    }

    func unescaped(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> (UnsafePointer<UInt8>, Int) {
        scratch.removeAll()
        scratch.reserve(count)
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte == quote && index + 1 < count && bytes[index + 1] == quote {
                scratch.append(byte)
                index += 2
            } else if let escape, byte == escape && index + 1 < count {
                scratch.append(bytes[index + 1])
                index += 2
            } else {
                scratch.append(byte)
                index += 1
            }
        }
        return (UnsafePointer(scratch.base), scratch.count)
    }
}

/// One column built from a batch; `bad` lists the rows whose value did not fit.
struct BuiltColumn {
    var storage: ColumnStorage
    var validity: [Bool]?
    var bad: [BadValue]
}

struct BadValue {
    var row: Int
    var kind: CSVError.Kind
}
