import WeirColumns

/// Checks the values of a nested column before any of it is written: no null where the type
/// allows none (a required element or struct field, a map key), and the leaves' values as
/// ``BatchValueCheck`` checks flat columns.
enum NestedValueCheck {
    static func check(_ column: Column) throws(ParquetError) {
        if hasRequiredNode(column.field.type) {
            try visit(column, field: column.field, path: column.field.name, rows: nil, tops: nil)
        }
        for leaf in WriterSchema.leafColumns(of: column, type: column.field.type) {
            if let leaf { try BatchValueCheck.check(leaf) }
        }
    }

    /// Whether some node below the top of `type` may not be null (a map's keys never may).
    private static func hasRequiredNode(_ type: ColumnType) -> Bool {
        switch type {
        case .list(let element): !element.nullable || hasRequiredNode(element.type)
        case .map: true
        case .structure(let fields): fields.contains { !$0.nullable || hasRequiredNode($0.type) }
        default: false
        }
    }

    /// Walks the reachable rows of `column` (`rows`, or all of them), each belonging to the
    /// batch row in `tops` (the same row when `nil`).
    private static func visit(_ column: Column, field: Field, path: String, rows: [Int]?, tops: [Int]?)
        throws(ParquetError)
    {
        var live = rows ?? Array(0..<column.count)
        var owners = tops ?? live
        if let validity = column.validity {
            if !field.nullable, let slot = live.indices.first(where: { !validity[live[$0]] }) {
                throw ParquetError(
                    .invalidArgument,
                    "Column '\(path)' is required but holds a null in row \(owners[slot]) of the batch. "
                        + "Please fill the value or declare the field nullable.")
            }
            let kept = live.indices.filter { validity[live[$0]] }
            live = kept.map { live[$0] }
            owners = kept.map { owners[$0] }
        }
        switch (field.type, column.storage) {
        case (.structure(let fields), .structure(_, let children)):
            for (child, childField) in zip(children, fields) {
                try visit(child, field: childField, path: path + "." + childField.name, rows: live, tops: owners)
            }
        case (.list(let element), .list(let offsets, let elements)):
            let (rows, tops) = expand(offsets, live, owners)
            try visit(elements, field: element, path: path + ".list.element", rows: rows, tops: tops)
        case (.map(let key, let value), .map(let offsets, let keys, let values)):
            let (rows, tops) = expand(offsets, live, owners)
            var requiredKey = key
            requiredKey.nullable = false
            try visit(keys, field: requiredKey, path: path + ".key_value.key", rows: rows, tops: tops)
            try visit(values, field: value, path: path + ".key_value.value", rows: rows, tops: tops)
        default:
            break
        }
    }

    private static func expand(_ offsets: [Int], _ rows: [Int], _ tops: [Int]) -> ([Int], [Int]) {
        var children: [Int] = []
        var owners: [Int] = []
        for (row, top) in zip(rows, tops) {
            for child in offsets[row]..<offsets[row + 1] {
                children.append(child)
                owners.append(top)
            }
        }
        return (children, owners)
    }
}
