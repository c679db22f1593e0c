import WeirColumns

/// Cuts each batch of its input into batches of at most `rows` rows, so that what follows holds
/// less at once than a whole row group.
public struct SlicedStream: BatchStream {
    private var input: any BatchStream
    private let rows: Int
    private var current: RecordBatch?
    private var offset = 0

    public init(_ input: any BatchStream, rows: Int) {
        self.input = input
        self.rows = max(1, rows)
    }

    public var schema: Schema { input.schema }

    public mutating func next() throws -> RecordBatch? {
        while true {
            if let batch = current {
                let end = min(batch.rowCount, offset + rows)
                let slice = offset == 0 && end == batch.rowCount ? batch : batch.slice(offset..<end)
                offset = end
                if offset >= batch.rowCount { current = nil }
                return slice
            }
            guard let next = try input.next() else { return nil }
            guard next.rowCount > 0 else { continue }
            current = next
            offset = 0
        }
    }
}
