import WeirColumns

/// Keeps the named columns of its input, in the order given.
public struct Project: BatchStream {
    public let schema: Schema
    private let indices: [Int]
    private var input: any BatchStream

    /// - Throws: `ComputeError` naming a column the input lacks.
    public init(_ input: any BatchStream, columns: [String]) throws {
        indices = try columns.map { try input.schema.requireIndex(of: $0) }
        schema = Schema(indices.map { input.schema.fields[$0] })
        self.input = input
    }

    public mutating func next() throws -> RecordBatch? {
        guard let batch = try input.next() else { return nil }
        return RecordBatch(schema: schema, columns: indices.map { batch.columns[$0] })
    }
}
