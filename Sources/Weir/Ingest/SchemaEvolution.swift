import WeirColumns

/// Settles a kind's schema after a batch from the columns of the files it staged.
///
/// A column already in the schema widens to hold every wider type a file brought. A new
/// column takes the type of most files: the family (number, text, timestamp…) that most files
/// hold wins, then its types widen into one (an integer in some files and a double in others is
/// a double). A file whose values are of another family (`oops` in a number column) does not
/// change the choice: it is read again as the chosen type, and its bad values reject it (or go to
/// the rejects table). Ties go to text, which holds any value.
enum SchemaEvolution {
    /// The columns of one staged file, as stored.
    struct FileColumns: Sendable {
        var path: String
        var fields: [Field]
        /// Columns without a value in the file, typed as text for want of one: they do not vote.
        var valueless: Set<String> = []
    }

    /// The settled schema and the changes made, in column order; `current` unchanged (and no
    /// changes) when the files fit it.
    static func settle(current: KindSchema?, kind: String?, version: Int, files: [FileColumns]) -> (
        schema: KindSchema, changes: [SchemaChange]
    ) {
        var columns = current?.columns ?? []
        var changes: [SchemaChange] = []
        let ordered = files.sorted { $0.path < $1.path }
        var order: [String] = []
        var seen: [String: [(path: String, type: ColumnType)]] = [:]
        var valueless: [String: [(path: String, type: ColumnType)]] = [:]
        for file in ordered {
            for field in file.fields {
                if seen[field.name] == nil && valueless[field.name] == nil { order.append(field.name) }
                if file.valueless.contains(field.name) {
                    valueless[field.name, default: []].append((file.path, field.type))
                } else {
                    seen[field.name, default: []].append((file.path, field.type))
                }
            }
        }
        for name in order {
            // Only when no file has a value for a column do the valueless ones decide its type.
            let types = seen[name] ?? valueless[name] ?? []
            if let index = columns.firstIndex(where: { $0.name == name }) {
                let old = columns[index].columnType
                var wide = old
                var file: String?
                for (path, type) in types where wide.widens(into: type) && wide != type {
                    wide = type
                    file = file ?? path
                }
                if wide != old {
                    columns[index] = SchemaColumn(name: name, type: wide)
                    changes.append(
                        SchemaChange(
                            change: .widened, column: name, old: ColumnTypeName.name(of: old),
                            new: ColumnTypeName.name(of: wide), file: file))
                }
            } else {
                let type = choose(types.map(\.type))
                columns.append(SchemaColumn(name: name, type: type))
                if current != nil {
                    changes.append(
                        SchemaChange(
                            change: .added, column: name, new: ColumnTypeName.name(of: type),
                            file: types.first { $0.type.family == type.family }?.path))
                }
            }
        }
        var schema = current ?? KindSchema(kind: kind, version: version, columns: [])
        schema.columns = columns
        if current != nil && !changes.isEmpty { schema.version += 1 }
        return (schema, changes)
    }

    /// The type of a new column from the types files hold it as (at least one).
    static func choose(_ types: [ColumnType]) -> ColumnType {
        var counts: [String: Int] = [:]
        var firstSeen: [String] = []
        for type in types {
            if counts[type.family] == nil { firstSeen.append(type.family) }
            counts[type.family, default: 0] += 1
        }
        let best = counts.values.max() ?? 0
        let leaders = firstSeen.filter { counts[$0] == best }
        let family = leaders.contains("string") ? "string" : leaders[0]
        let members = types.filter { $0.family == family }
        var wide = members[0]
        for type in members.dropFirst() {
            if let widened = wide.widened(with: type) {
                wide = widened
            } else {
                // Types of one family that no type holds both of (two decimals): the commoner one.
                let countOf = { (candidate: ColumnType) in members.filter { $0 == candidate }.count }
                if countOf(type) > countOf(wide) { wide = type }
            }
        }
        return wide
    }
}
