/// Resolves column names against a file's leaf columns.
enum ColumnSelection {
    /// The readable flat columns named by `names` (all of them when `nil`), in the order given.
    ///
    /// - Throws: `.unsupported` for a nested or unreadable column, `.invalidArgument` for a name the
    ///   file does not have, listing the names it does.
    static func select(
        _ names: [String]?, from columns: [ParquetColumnDescriptor]
    ) throws(ParquetError) -> [ParquetColumnDescriptor] {
        guard let names else {
            return columns.filter { $0.field != nil }
        }
        var selected: [ParquetColumnDescriptor] = []
        for name in names {
            if let flat = columns.first(where: { $0.nesting == nil && $0.path == [name] }) {
                _ = try flat.mapping.get()
                selected.append(flat)
            } else if let nested = columns.first(where: { $0.path.first == name || $0.name == name }) {
                _ = try nested.mapping.get()
            } else {
                let available = columns.filter { $0.field != nil }.map { "'\($0.name)'" }
                let list = available.isEmpty ? "none" : available.joined(separator: ", ")
                throw ParquetError(.invalidArgument, "The file has no column '\(name)'. Available columns: \(list).")
            }
        }
        return selected
    }
}
