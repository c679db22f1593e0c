import WeirColumns

/// Merges streams that are each sorted by the same keys into one sorted stream (a k-way merge on
/// a binary heap). Rows with equal keys come in the order of the streams given.
public struct SortedMerge: BatchStream {
    public let schema: Schema
    private let batchRows: Int
    private var cursors: [MergeCursor]
    /// Indices into `cursors`, a min-heap by each cursor's current key.
    private var heap: [Int] = []
    private var started = false
    private let inputs: [any BatchStream]
    private let encoder: KeyEncoder

    /// - Parameters:
    ///   - inputs: streams of one schema, each sorted by `keys`.
    ///   - batchRows: rows per output batch.
    public init(_ inputs: [any BatchStream], keys: [SortKey], schema: Schema, batchRows: Int = 8192) throws {
        self.schema = schema
        self.inputs = inputs
        self.batchRows = max(1, batchRows)
        encoder = try KeyEncoder(keys, schema: schema)
        cursors = []
    }

    public mutating func next() throws -> RecordBatch? {
        if !started {
            started = true
            for input in inputs {
                if let cursor = try MergeCursor(input, encoder: encoder) { cursors.append(cursor) }
            }
            heap = Array(cursors.indices)
            var position = heap.count / 2 - 1
            while position >= 0 {
                siftDown(position)
                position -= 1
            }
        }
        guard let top = heap.first else { return nil }
        var builders = cursors[top].batch.columns.map { ColumnBuilder(like: $0, capacity: batchRows) }
        var rows = 0
        while rows < batchRows, let top = heap.first {
            // Read through `cursors[top]` rather than a copy: a copy still alive when the cursor
            // advances would make it copy its buffers, row after row.
            let row = cursors[top].row
            for index in builders.indices {
                builders[index].append(from: cursors[top].batch.columns[index], row: row)
            }
            rows += 1
            if try cursors[top].advance() {
                siftDown(0)
            } else {
                heap[0] = heap[heap.count - 1]
                heap.removeLast()
                if !heap.isEmpty { siftDown(0) }
            }
        }
        let columns = zip(builders.indices, schema.fields).map { index, field in
            var column = builders[index].finish()
            column.field = field
            return column
        }
        return RecordBatch(schema: schema, columns: columns)
    }

    /// Whether cursor `a`'s row goes before cursor `b`'s.
    private func precedes(_ a: Int, _ b: Int) -> Bool {
        let order = cursors[a].keys.compare(cursors[a].row, cursors[b].keys, cursors[b].row)
        return order != 0 ? order < 0 : a < b
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var child = left
            if left + 1 < heap.count, precedes(heap[left + 1], heap[left]) { child = left + 1 }
            guard precedes(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            parent = child
        }
    }
}
