import WeirColumns

/// How the columns of one file meet its kind's schema: which must be read as the dataset's type,
/// which conflict with it, and what the file would change.
struct SchemaFit: Sendable, Hashable {
    /// A column whose values in the file are of another family than the dataset's type.
    struct Conflict: Sendable, Hashable {
        var column: String
        var dataset: ColumnType
        var file: ColumnType
    }

    /// Columns to read as the dataset's type (as stored: UTC timestamps stay UTC): the file's
    /// narrower values widen into it, and conflicting ones show which values do not fit.
    var readAs: [String: ColumnType] = [:]
    var conflicts: [Conflict] = []
    /// New columns and widenings the file brings.
    var changes: [SchemaChange] = []

    /// Compares the columns of a file (`fields`, as they would be stored) with `schema`; without
    /// a schema every column is new. `textReadsAnything`: the file is text (CSV), so a dataset
    /// column of type string reads any of its values unchanged. `valueless` columns had no value
    /// to type them by: they read as the dataset's type, whatever it is.
    init(fields: [Field], schema: KindSchema?, textReadsAnything: Bool, file: String, valueless: Set<String> = []) {
        for field in fields {
            let fileType = field.type
            guard let datasetType = schema?.type(of: field.name) else {
                changes.append(
                    SchemaChange(
                        change: .added, column: field.name, new: ColumnTypeName.name(of: fileType), file: file))
                continue
            }
            if fileType == datasetType { continue }
            if fileType.widens(into: datasetType) || (datasetType == .string && textReadsAnything)
                || valueless.contains(field.name)
            {
                readAs[field.name] = datasetType
            } else if datasetType.widens(into: fileType) {
                changes.append(
                    SchemaChange(
                        change: .widened, column: field.name, old: ColumnTypeName.name(of: datasetType),
                        new: ColumnTypeName.name(of: fileType), file: file))
            } else {
                readAs[field.name] = datasetType
                conflicts.append(Conflict(column: field.name, dataset: datasetType, file: fileType))
            }
        }
    }

    /// The message for a file that a frozen schema (or a settled one) refuses.
    static func refusal(_ change: SchemaChange, frozen: Bool) -> String {
        let column = change.column ?? ""
        let rule =
            frozen
            ? "the dataset's schema is frozen ('schema_evolution: frozen'). Set 'schema_evolution: additive' to let it "
                + "change, or fix the file"
            : "the other files of this batch settled it. Fix the file, or declare the column's type in 'schema'"
        switch change.change {
        case .added:
            return "its column '\(column)' (\(change.new ?? "")) is not in the dataset's schema, and \(rule)"
        default:
            return "its column '\(column)' holds \(change.new ?? "") values where the dataset's schema has "
                + "\(change.old ?? ""), and \(rule)"
        }
    }
}
