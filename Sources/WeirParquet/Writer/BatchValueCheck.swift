import WeirColumns

/// Checks the values of a batch that a type restricts further than its storage does, so that no
/// file holds values its readers reject: small integers within their width, decimals stored as
/// integers within their precision, and strings in valid UTF-8.
enum BatchValueCheck {
    static func check(_ column: Column) throws(ParquetError) {
        switch (column.field.type, column.storage) {
        case (.int(let bits, let signed), .int32(let values)) where bits < 32:
            let low: Int64 = signed ? -(1 << (bits - 1)) : 0
            let high: Int64 = signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1
            try checkRange(column, values, low, high, what: "the range of '\(column.field.type.name)'")
        case (.decimal(let precision, _), .int32(let values)):
            let limit = power10(precision) - 1
            try checkRange(column, values, -limit, limit, what: "\(precision) digits")
        case (.decimal(let precision, _), .int64(let values)):
            let limit = power10(precision) - 1
            try checkRange(column, values, -limit, limit, what: "\(precision) digits")
        case (.string, .bytes(let values)):
            try checkUTF8(column, values)
        default:
            break
        }
    }

    private static func power10(_ exponent: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<min(exponent, 18) { result *= 10 }
        return result
    }

    private static func checkRange<T: FixedWidthInteger>(
        _ column: Column,
        _ values: [T],
        _ low: Int64,
        _ high: Int64,
        what: String
    ) throws(ParquetError) {
        let row = values.withUnsafeBufferPointer { buffer -> Int? in
            for index in buffer.indices {
                let value = Int64(buffer[index])
                if value < low || value > high, !column.isNull(index) { return index }
            }
            return nil
        }
        guard let row else { return }
        throw ParquetError(
            .invalidArgument,
            "Column '\(column.field.name)' holds '\(values[row])' in row \(row) of the batch, outside \(what). "
                + "Please widen the column's type.")
    }

    /// Valid UTF-8 throughout, with every value starting on a character boundary, means every
    /// value is valid UTF-8 on its own.
    private static func checkUTF8(_ column: Column, _ values: ByteArrays) throws(ParquetError) {
        let failure: Int? = values.data.withUnsafeBufferPointer { data in
            guard let invalid = UTF8Validation.firstInvalid(data) else {
                for row in 0..<values.count {
                    let start = values.offsets[row]
                    if start < values.offsets[row + 1], data[start] & 0xC0 == 0x80 { return start }
                }
                return nil
            }
            return invalid
        }
        guard let offset = failure else { return }
        let row = max(0, (values.offsets.firstIndex { $0 > offset } ?? values.count + 1) - 1)
        throw ParquetError(
            .invalidArgument,
            "Column '\(column.field.name)' of type 'string' holds bytes that are not UTF-8 in row \(row) of the batch "
                + "(byte \(offset - values.offsets[row]) of the value). Please declare the column 'binary' or repair the text."
        )
    }
}
