import WeirColumns

/// A position in one sorted input of a k-way merge: its current batch, that batch's keys and a row.
struct MergeCursor {
    private var stream: any BatchStream
    private let encoder: KeyEncoder
    private(set) var batch: RecordBatch
    private(set) var keys: EncodedKeys
    private(set) var row = 0

    /// A cursor on the first row of `stream`, or `nil` when the stream is empty.
    init?(_ stream: any BatchStream, encoder: KeyEncoder) throws {
        self.stream = stream
        self.encoder = encoder
        batch = RecordBatch(schema: Schema([]), columns: [])
        keys = EncodedKeys()
        guard try load() else { return nil }
    }

    /// Moves to the next row; returns `false` at the end of the input.
    mutating func advance() throws -> Bool {
        row += 1
        if row < batch.rowCount { return true }
        return try load()
    }

    private mutating func load() throws -> Bool {
        while let next = try stream.next() {
            guard next.rowCount > 0 else { continue }
            batch = next
            keys = encoder.encode(next)
            row = 0
            return true
        }
        return false
    }
}
