import WeirColumns

extension Column {
    /// Appends the JSON of row `row` to `output`: what `value(at: row).json` gives, without
    /// building the nested values first.
    func appendJSON(_ row: Int, to output: inout String) {
        if isNull(row) {
            output += "null"
            return
        }
        switch storage {
        case .list(let offsets, let elements):
            output += "["
            for index in offsets[row]..<offsets[row + 1] {
                if index > offsets[row] { output += "," }
                elements.appendJSON(index, to: &output)
            }
            output += "]"
        case .structure(_, let fields):
            output += "{"
            for (position, field) in fields.enumerated() {
                if position > 0 { output += "," }
                output += JSONText.quote(field.field.name)
                output += ":"
                field.appendJSON(row, to: &output)
            }
            output += "}"
        case .map(let offsets, let keys, let values):
            output += "["
            for index in offsets[row]..<offsets[row + 1] {
                output += index > offsets[row] ? ",{\"key\":" : "{\"key\":"
                keys.appendJSON(index, to: &output)
                output += ",\"value\":"
                values.appendJSON(index, to: &output)
                output += "}"
            }
            output += "]"
        case .int64(let values) where field.type == .int64:
            output += String(values[row])
        case .int32(let values) where field.type == .int32:
            output += String(values[row])
        default:
            output += value(at: row).json
        }
    }
}
