import WeirColumns

/// A stream over batches already in memory, each handed out once.
public struct MemoryStream: BatchStream {
    public let schema: Schema
    /// The batches still to hand out, last first, so each is released as it is handed out.
    private var remaining: [RecordBatch]

    /// - Parameters:
    ///   - batches: the batches to hand out, in order; each must have `schema`.
    ///   - schema: the stream's schema, needed when `batches` is empty.
    public init(_ batches: [RecordBatch], schema: Schema? = nil) {
        precondition(schema != nil || !batches.isEmpty, "an empty stream needs a schema")
        self.schema = schema ?? batches[0].schema
        remaining = batches.reversed()
    }

    public mutating func next() throws -> RecordBatch? {
        remaining.popLast()
    }
}
