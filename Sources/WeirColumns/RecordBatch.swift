/// Rows held column by column; every column has `rowCount` values.
public struct RecordBatch: Sendable, Hashable {
    public var schema: Schema
    public var columns: [Column]

    public init(schema: Schema, columns: [Column]) {
        precondition(schema.fields.count == columns.count, "a batch needs one column per field")
        precondition(Set(columns.map(\.count)).count <= 1, "all columns of a batch have the same length")
        self.schema = schema
        self.columns = columns
    }

    /// A batch of columns whose fields make the schema.
    public init(columns: [Column]) {
        self.init(schema: Schema(columns.map(\.field)), columns: columns)
    }

    public var rowCount: Int { columns.first?.count ?? 0 }

    public func column(named name: String) -> Column? {
        schema.index(of: name).map { columns[$0] }
    }
}
