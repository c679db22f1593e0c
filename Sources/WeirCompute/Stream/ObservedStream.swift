import WeirColumns

/// Passes its input through unchanged, telling an observer about each batch (to count rows and
/// batches for progress and metrics).
public struct ObservedStream: BatchStream {
    private var input: any BatchStream
    private let observer: (RecordBatch) throws -> Void

    public init(_ input: any BatchStream, observer: @escaping (RecordBatch) throws -> Void) {
        self.input = input
        self.observer = observer
    }

    public var schema: Schema { input.schema }

    public mutating func next() throws -> RecordBatch? {
        guard let batch = try input.next() else { return nil }
        try observer(batch)
        return batch
    }
}
