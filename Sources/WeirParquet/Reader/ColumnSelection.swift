/// Resolves column names against a file's top-level columns.
enum ColumnSelection {
    /// The readable top-level columns named by `names` (all of them when `nil`), in the order given.
    ///
    /// - Throws: the reason a named column cannot be read (`.unsupported` for an unsupported
    ///   type), `.invalidArgument` for a name the file does not have, listing the names it does,
    ///   or for the dotted name of a field inside a nested column.
    static func select(
        _ names: [String]?, from columns: [TopLevelColumn]
    ) throws(ParquetError) -> [TopLevelColumn] {
        guard let names else {
            return columns.filter { $0.field != nil }
        }
        var selected: [TopLevelColumn] = []
        for name in names {
            if let column = columns.first(where: { $0.name == name }) {
                _ = try column.mapping.get()
                selected.append(column)
            } else if let outer = columns.first(where: { column in
                column.root != nil && column.leaves.contains { $0.name == name || $0.name.hasPrefix(name + ".") }
            }) {
                throw ParquetError(
                    .invalidArgument,
                    "The column '\(name)' is inside the nested column '\(outer.name)'; Weir reads nested columns "
                        + "whole. Select '\(outer.name)' instead.")
            } else {
                let available = columns.filter { $0.field != nil }.map { "'\($0.name)'" }
                let list = available.isEmpty ? "none" : available.joined(separator: ", ")
                throw ParquetError(.invalidArgument, "The file has no column '\(name)'. Available columns: \(list).")
            }
        }
        return selected
    }
}
