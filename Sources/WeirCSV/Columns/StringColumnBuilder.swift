import WeirColumns

/// Builds text and binary columns: bytes copied once into one buffer, UTF-8 checked on the way.
enum StringColumnBuilder {
    static func build(_ input: BatchInput, _ column: Int, _ context: BuildContext, validate: Bool) -> BuiltColumn {
        if validate && context.latin1 { return transcoded(input, column, context) }
        let rowCount = input.rowCount
        var total = 0
        for row in 0..<rowCount { total &+= input.span(row: row, column: column).count }
        var validity: [Bool]?
        var bad: [BadValue] = []
        let nulls = context.nulls
        var used = 0
        var offsets = [Int](repeating: 0, count: rowCount + 1)
        let data = [UInt8](unsafeUninitializedCapacity: total) { data, initialized in
            offsets.withUnsafeMutableBufferPointer { offsets in
                let out = data.baseAddress!
                for row in 0..<rowCount {
                    let span = input.span(row: row, column: column)
                    let (bytes, count) = context.content(input, span)
                    if !span.quoted && nulls.matches(bytes, count) {
                        if validity == nil { validity = [Bool](repeating: true, count: rowCount) }
                        validity![row] = false
                    } else if validate && UTF8Validation.firstInvalid(bytes, count) != nil {
                        if bad.count < context.maxBad { bad.append(BadValue(row: row, kind: .invalidUTF8)) }
                    } else {
                        (out + used).update(from: bytes, count: count)
                        used += count
                    }
                    offsets[row + 1] = used
                }
            }
            initialized = used
        }
        return BuiltColumn(storage: .bytes(ByteArrays(offsets: offsets, data: data)), validity: validity, bad: bad)
    }

    /// A text column of Windows-1252 bytes, converted to UTF-8.
    private static func transcoded(_ input: BatchInput, _ column: Int, _ context: BuildContext) -> BuiltColumn {
        let rowCount = input.rowCount
        var validity: [Bool]?
        var offsets = [Int](repeating: 0, count: rowCount + 1)
        var data: [UInt8] = []
        for row in 0..<rowCount {
            let span = input.span(row: row, column: column)
            let (bytes, count) = context.content(input, span)
            if !span.quoted && context.nulls.matches(bytes, count) {
                if validity == nil { validity = [Bool](repeating: true, count: rowCount) }
                validity![row] = false
            } else {
                Windows1252.appendUTF8(bytes, count, to: &data)
            }
            offsets[row + 1] = data.count
        }
        return BuiltColumn(storage: .bytes(ByteArrays(offsets: offsets, data: data)), validity: validity, bad: [])
    }
}
