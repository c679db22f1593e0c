import WeirColumns

/// Turns one cell into CSV bytes.
struct FieldEncoder {
    let delimiter: UInt8
    let quote: UInt8
    let nullText: [UInt8]
    /// Null in a one-column table: never an empty line, which a reader skips.
    let aloneNullText: [UInt8]
    let nullStrings: Set<[UInt8]>
    let commentPrefix: [UInt8]?

    init(options: CSVWriterOptions) {
        delimiter = options.dialect.delimiter
        quote = options.dialect.quote ?? UInt8(ascii: "\"")
        nullText = Array(options.nullText.utf8)
        let firstNonEmpty = options.nullStrings.first { !$0.isEmpty } ?? "NA"
        aloneNullText = nullText.isEmpty ? Array(firstNonEmpty.utf8) : nullText
        nullStrings = Set(options.nullStrings.map { Array($0.utf8) })
        commentPrefix = options.dialect.commentPrefix
    }

    func append(_ column: Column, row: Int, first: Bool, alone: Bool, to output: inout [UInt8]) {
        if column.isNull(row) {
            output += alone ? aloneNullText : nullText
            return
        }
        switch (column.storage, column.field.type) {
        case (.bytes(let values), .string):
            appendText(Array(values[row]), first: first, isText: true, to: &output)
        case (.int64(let values), .int(_, signed: true)):
            output += Array(String(values[row]).utf8)
        case (.int32(let values), .int(_, signed: true)):
            output += Array(String(values[row]).utf8)
        default:
            let text = column.value(at: row).text ?? ""
            appendText(Array(text.utf8), first: first, isText: false, to: &output)
        }
    }

    /// Appends `bytes`, quoted when needed.
    func appendText(_ bytes: [UInt8], first: Bool, isText: Bool, to output: inout [UInt8]) {
        var needsQuotes = isText && nullStrings.contains(bytes)
        if first, let firstByte = bytes.first {
            if firstByte == UInt8(ascii: "#") { needsQuotes = true }
            if let commentPrefix, bytes.starts(with: commentPrefix) { needsQuotes = true }
        }
        if !needsQuotes {
            for byte in bytes where byte == delimiter || byte == quote || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
        }
        guard needsQuotes else {
            output += bytes
            return
        }
        output.append(quote)
        for byte in bytes {
            output.append(byte)
            if byte == quote { output.append(quote) }
        }
        output.append(quote)
    }
}
