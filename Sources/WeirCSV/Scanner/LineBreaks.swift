/// Finding physical line ends, for comment lines, metadata lines and resynchronising after a
/// malformed record.
enum LineBreaks {
    enum Result: Equatable {
        /// The line's content ends at `contentEnd`; the next line starts at `next`.
        case found(contentEnd: Int, next: Int)
        /// No line break before the end of the input: the line runs to `end`.
        case endOfInput
        /// No line break in the bytes available.
        case needMore
    }

    static func lineEnd(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, atEOF: Bool) -> Result {
        var i = start
        while i < end {
            let byte = base[i]
            if byte == RecordScanner.lf { return .found(contentEnd: i, next: i + 1) }
            if byte == RecordScanner.cr {
                if i + 1 < end { return .found(contentEnd: i, next: base[i + 1] == RecordScanner.lf ? i + 2 : i + 1) }
                return atEOF ? .found(contentEnd: i, next: i + 1) : .needMore
            }
            i += 1
        }
        return atEOF ? .endOfInput : .needMore
    }
}
