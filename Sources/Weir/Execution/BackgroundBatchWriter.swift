import Foundation
import WeirColumns
import WeirParquet

/// Writes record batches to a Parquet file on a thread of its own, at most `capacity` batches
/// behind the caller, so that encoding, compressing and hashing the output overlap with computing
/// the next batch. The SHA-256 of the bytes written is taken on the way.
///
/// An error of the writer is raised by the next ``write(_:)`` or by ``close()``; ``abort()``
/// removes the file.
final class BackgroundBatchWriter: @unchecked Sendable {
    private let writer: ParquetWriter
    private let hasher = OutputHasher()
    private let capacity: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [RecordBatch] = []
    private var closing = false
    private var finished = false
    private var failure: (any Error)?

    init(path: String, schema: Schema, options: ParquetWriterOptions, capacity: Int = 1) throws {
        var options = options
        let hasher = self.hasher
        options.byteObserver = { hasher.update($0) }
        writer = try ParquetWriter(path: path, schema: schema, options: options)
        self.capacity = max(1, capacity)
        let thread = Thread { [self] in drain() }
        thread.name = "weir-writer"
        thread.start()
    }

    private func drain() {
        while true {
            condition.lock()
            while queue.isEmpty && !closing { condition.wait() }
            if queue.isEmpty {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            do {
                try writer.write(batch)
            } catch {
                condition.lock()
                failure = error
                queue.removeAll()
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }

    /// Hands `batch` to the writer thread, waiting while `capacity` batches are ahead of it.
    func write(_ batch: RecordBatch) throws {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !finished { condition.wait() }
        if let failure { throw failure }
        queue.append(batch)
        condition.broadcast()
    }

    /// Waits for every batch to be written, then closes the file.
    /// - Returns: what was written and the SHA-256 of the file's bytes.
    func close() throws -> (summary: ParquetWriteSummary, sha256: String) {
        condition.lock()
        closing = true
        condition.broadcast()
        while !finished { condition.wait() }
        let failure = self.failure
        condition.unlock()
        if let failure { throw failure }
        let summary = try writer.close()
        return (summary, hasher.digest())
    }

    /// Stops the writer thread and removes the file.
    func abort() {
        condition.lock()
        queue.removeAll()
        closing = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
        writer.abort()
    }
}
