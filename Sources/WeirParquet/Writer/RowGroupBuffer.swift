import WeirColumns

/// The rows waiting for the next row group, as ranges of the batches they came in.
///
/// Holding ranges instead of copies keeps appending cheap; the copy into one chunk per column,
/// if any, happens on the encoding threads.
struct RowGroupBuffer {
    private(set) var segments: [[(column: Column, rows: Range<Int>)]]
    private(set) var rowCount = 0
    private(set) var byteCount = 0

    init(columnCount: Int) {
        segments = Array(repeating: [], count: columnCount)
    }

    var isEmpty: Bool { rowCount == 0 }

    /// Adds `rows` of every column of `batch`.
    mutating func append(_ batch: RecordBatch, rows: Range<Int>) {
        guard !rows.isEmpty else { return }
        for (index, column) in batch.columns.enumerated() {
            segments[index].append((column, rows))
            byteCount += ChunkData.byteSize(of: column, rows: rows)
        }
        rowCount += rows.count
    }

    /// The buffered rows, emptying the buffer.
    mutating func take() -> [[(column: Column, rows: Range<Int>)]] {
        let taken = segments
        segments = Array(repeating: [], count: segments.count)
        rowCount = 0
        byteCount = 0
        return taken
    }

    /// The memory size of a whole batch, for estimating how many of its rows fit a row group.
    static func byteSize(of batch: RecordBatch) -> Int {
        batch.columns.reduce(0) { $0 + ChunkData.byteSize(of: $1, rows: 0..<$1.count) }
    }
}
