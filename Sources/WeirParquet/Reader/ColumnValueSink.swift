/// Receives the values of a column chunk page by page: dense non-null values first, then spread
/// over the page's rows once the validity of each row is known.
protocol ColumnValueSink {
    /// Decodes the dictionary page (PLAIN values).
    mutating func setDictionary(_ page: UnsafeRawBufferPointer, count: Int) throws(ParquetError)
    /// Decodes `count` values encoded with `encoding` into rows `start..<start + count`.
    mutating func decode(
        _ encoding: Encoding, _ values: UnsafeRawBufferPointer, count: Int, at start: Int
    ) throws(ParquetError)
    /// Moves the `present` values decoded at `start` to the rows of `start..<start + rows` whose
    /// flag is 1, leaving placeholders in the others.
    mutating func spread(validity: UnsafePointer<UInt8>, rows: Int, present: Int, at start: Int)
    /// Decodes the `present` values of a page of `rows` rows straight onto the rows whose flag is 1:
    /// what ``decode(_:_:count:at:)`` then ``spread(validity:rows:present:at:)`` do, in one step where
    /// a sink can.
    mutating func decode(
        _ encoding: Encoding, _ values: UnsafeRawBufferPointer, present: Int, rows: Int,
        validity: UnsafePointer<UInt8>, at start: Int
    ) throws(ParquetError)
}

extension ColumnValueSink {
    mutating func decode(
        _ encoding: Encoding, _ values: UnsafeRawBufferPointer, present: Int, rows: Int,
        validity: UnsafePointer<UInt8>, at start: Int
    ) throws(ParquetError) {
        try decodeThenSpread(encoding, values, present: present, rows: rows, validity: validity, at: start)
    }

    /// The two steps of a page with nulls: the present values densely, then onto their rows.
    mutating func decodeThenSpread(
        _ encoding: Encoding, _ values: UnsafeRawBufferPointer, present: Int, rows: Int,
        validity: UnsafePointer<UInt8>, at start: Int
    ) throws(ParquetError) {
        try decode(encoding, values, count: present, at: start)
        spread(validity: validity, rows: rows, present: present, at: start)
    }
}

/// Reads dictionary indices: a bit width byte, then the RLE/bit-packed indices, in batches.
struct DictionaryIndices {
    private var decoder: RleBitPackedDecoder
    static let batchSize = 1024

    init(_ values: UnsafeRawBufferPointer) throws(ParquetError) {
        guard let width = values.first else {
            throw .corrupt("The dictionary-encoded page has no bit width for its indices.")
        }
        decoder = try RleBitPackedDecoder(UnsafeRawBufferPointer(rebasing: values.dropFirst()), bitWidth: Int(width))
    }

    /// Calls `body` with batches of indices, `count` in total, each checked to be below `dictionaryCount`.
    mutating func forEachBatch(
        count: Int,
        dictionaryCount: Int,
        _ body: (UnsafeBufferPointer<UInt32>, Int) throws(ParquetError) -> Void
    ) throws(ParquetError) {
        let batch = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: Swift.min(count, Self.batchSize))
        defer { batch.deallocate() }
        var done = 0
        while done < count {
            let take = Swift.min(batch.count, count - done)
            try decoder.decode(into: batch.baseAddress!, count: take)
            var largest: UInt32 = 0
            for index in 0..<take { largest = Swift.max(largest, batch[index]) }
            guard Int(largest) < dictionaryCount else {
                throw .corrupt(
                    "A dictionary index \(largest) is out of range for a dictionary of \(dictionaryCount) values.")
            }
            try body(UnsafeBufferPointer(rebasing: batch[0..<take]), done)
            done += take
        }
    }
}
