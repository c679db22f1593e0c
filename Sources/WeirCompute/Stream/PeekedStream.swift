import WeirColumns

/// A stream whose first batch has been pulled ahead, to look at before deciding what to do with
/// the stream; that batch is handed out again first, so nothing is read twice.
public struct PeekedStream: BatchStream {
    /// The first batch of the input, `nil` when the input is empty or once it is handed out (so
    /// that it is not held while the rest streams by).
    public private(set) var first: RecordBatch?
    private var input: any BatchStream
    private var handedOut = false

    /// Pulls the first batch of `input`.
    public init(_ input: any BatchStream) throws {
        var input = input
        first = try input.next()
        self.input = input
    }

    public var schema: Schema { input.schema }

    public mutating func next() throws -> RecordBatch? {
        if !handedOut {
            handedOut = true
            defer { first = nil }
            return first
        }
        return try input.next()
    }
}
