import Dispatch
import WeirColumns

/// Encodes the column chunks of one row group in parallel, one task per column, and writes the
/// previous row group's pages to the file as one more task, so that no thread waits for another
/// between row groups.
struct RowGroupEncoder: Sendable {
    /// One encoder per Parquet column (leaf).
    let encoders: [ColumnChunkEncoder]
    /// For each leaf, the top-level column whose rows it takes.
    let owners: [Int]
    /// Whether the tasks run on all cores or one after another on the calling thread.
    var parallel = true

    /// - Parameters:
    ///   - segments: each top-level column's rows.
    ///   - previous: the pages of the row group before, to write to `file` meanwhile.
    /// - Returns: the column chunks in schema order.
    func encode(
        _ segments: [[(column: Column, rows: Range<Int>)]],
        writing previous: [[UInt8]],
        to file: FileSink
    ) throws(ParquetError) -> [EncodedChunk] {
        let count = encoders.count
        // The file write goes first, then the biggest columns, so that the last task to finish is
        // a small one.
        let columnSizes = segments.map { $0.reduce(0) { $0 + ChunkData.byteSize(of: $1.column, rows: $1.rows) } }
        let sizes = owners.map { columnSizes[$0] }
        let order = (previous.isEmpty ? [] : [-1]) + (0..<count).sorted { sizes[$0] > sizes[$1] }
        var results = [Result<EncodedChunk, ParquetError>?](repeating: nil, count: count)
        var written: Result<Void, ParquetError> = .success(())
        results.withUnsafeMutableBufferPointer { buffer in
            withUnsafeMutablePointer(to: &written) { written in
                let slots = DisjointSlots(buffer: buffer, written: written)
                let run: @Sendable (Int) -> Void = { task in
                    let index = order[task]
                    guard index >= 0 else {
                        do throws(ParquetError) {
                            try file.write(previous)
                        } catch {
                            slots.written.pointee = .failure(error)
                        }
                        return
                    }
                    let encoder = encoders[index]
                    let column = encoder.column
                    do throws(ParquetError) {
                        let data =
                            column.steps.isEmpty
                            ? ChunkData(segments: segments[owners[index]], kind: column.storage, width: column.width)
                            : try ChunkData(leaf: column, segments: segments[owners[index]])
                        slots.buffer[index] = .success(try encoder.encode(data))
                    } catch {
                        slots.buffer[index] = .failure(error)
                    }
                }
                if parallel {
                    DispatchQueue.concurrentPerform(iterations: order.count, execute: run)
                } else {
                    for task in 0..<order.count { run(task) }
                }
            }
        }
        try written.get()
        var chunks: [EncodedChunk] = []
        chunks.reserveCapacity(count)
        for result in results {
            guard let result else { preconditionFailure("a column chunk was not encoded") }
            chunks.append(try result.get())
        }
        return chunks
    }
}

/// Result slots that concurrent tasks fill, each task writing only its own slot.
private struct DisjointSlots<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    let written: UnsafeMutablePointer<Result<Void, ParquetError>>
}
