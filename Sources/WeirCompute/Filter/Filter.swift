import WeirColumns

/// Keeps the rows of its input that match a predicate; batches left empty are skipped.
public struct Filter: BatchStream {
    public let predicate: RowPredicate
    private var input: any BatchStream

    /// - Throws: `ComputeError` when the predicate names a column the input lacks.
    public init(_ input: any BatchStream, where predicate: RowPredicate) throws {
        for name in predicate.columns.sorted() { _ = try input.schema.requireFlatIndex(of: name, for: "a filter") }
        self.input = input
        self.predicate = predicate
    }

    public var schema: Schema { input.schema }

    public mutating func next() throws -> RecordBatch? {
        while let batch = try input.next() {
            let flags = try predicate.evaluate(batch)
            var kept: [Int] = []
            kept.reserveCapacity(batch.rowCount)
            for (row, flag) in flags.enumerated() where flag { kept.append(row) }
            if kept.count == batch.rowCount { return batch }
            if !kept.isEmpty { return batch.gather(kept) }
        }
        return nil
    }
}
