import WeirColumns

/// A pull-based stream of record batches: the interface every operator offers and consumes.
///
/// An operator asks its input for the next batch only when it needs one, so a chain of operators
/// holds a bounded number of batches at a time. Every batch has ``schema``; `nil` ends the stream.
/// After an error the stream must not be pulled again.
public protocol BatchStream {
    /// The schema of every batch the stream returns, known before the first pull.
    var schema: Schema { get }

    /// The next batch, or `nil` when the stream is exhausted.
    mutating func next() throws -> RecordBatch?
}

extension BatchStream {
    /// Pulls every remaining batch and concatenates them into one (for tests and small results).
    public mutating func collect() throws -> RecordBatch {
        var batches: [RecordBatch] = []
        while let batch = try next() { batches.append(batch) }
        return RecordBatch.concatenate(batches, schema: schema)
    }
}
