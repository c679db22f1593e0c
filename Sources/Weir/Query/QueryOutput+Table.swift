import WeirColumns

/// A batch as an aligned text table: a header, a rule, one line per row and a row count.
///
/// Cells longer than ``maximumWidth`` characters are cut with `…`; line breaks and tabs inside a
/// cell print as `\n`, `\r` and `\t`; nulls print as `null`; numbers are right-aligned.
struct QueryTable {
    static let maximumWidth = 40
    let batch: RecordBatch

    init(_ batch: RecordBatch) {
        self.batch = batch
    }

    var text: String {
        let names = batch.schema.fields.map { Self.cut($0.name) }
        var cells: [[String]] = []
        cells.reserveCapacity(batch.rowCount)
        for row in 0..<batch.rowCount {
            cells.append(batch.columns.map { Self.cut(Self.cell($0.value(at: row))) })
        }
        var widths = names.map(\.count)
        for line in cells {
            for (index, cell) in line.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        let rightAligned = batch.schema.fields.map { Self.isNumeric($0.type) }
        func line(_ values: [String]) -> String {
            var parts: [String] = []
            for (index, value) in values.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - value.count)
                let last = index == values.count - 1
                if rightAligned[index] {
                    parts.append(padding + value)
                } else {
                    parts.append(last ? value : value + padding)
                }
            }
            return parts.joined(separator: "  ")
        }
        var output = ""
        if !names.isEmpty {
            output += line(names) + "\n"
            output += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            for row in cells { output += line(row) + "\n" }
        }
        output += "(\(batch.rowCount) \(batch.rowCount == 1 ? "row" : "rows"))\n"
        return output
    }

    static func cell(_ value: Value) -> String {
        guard let text = value.text else { return "null" }
        guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
        var escaped = ""
        for character in text {
            switch character {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\r\n": escaped += "\\r\\n"
            case "\t": escaped += "\\t"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func cut(_ text: String) -> String {
        text.count > maximumWidth ? String(text.prefix(maximumWidth - 1)) + "…" : text
    }

    static func isNumeric(_ type: ColumnType) -> Bool {
        switch type {
        case .int, .float32, .float64, .decimal: true
        default: false
        }
    }
}
