import Dispatch
import WeirColumns

/// Encodes the column chunks of one row group in parallel, one task per column.
struct RowGroupEncoder: Sendable {
    let encoders: [ColumnChunkEncoder]

    func encode(_ segments: [[(column: Column, rows: Range<Int>)]]) throws(ParquetError) -> [EncodedChunk] {
        let count = encoders.count
        // Start the biggest columns first so that the last task to finish is a small one.
        let sizes = segments.map { $0.reduce(0) { $0 + ChunkData.byteSize(of: $1.column, rows: $1.rows) } }
        let order = (0..<count).sorted { sizes[$0] > sizes[$1] }
        var results = [Result<EncodedChunk, ParquetError>?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let results = DisjointSlots(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: count) { task in
                let index = order[task]
                let encoder = encoders[index]
                let data = ChunkData(
                    segments: segments[index], kind: encoder.column.storage, width: encoder.column.width)
                do throws(ParquetError) {
                    results.buffer[index] = .success(try encoder.encode(data))
                } catch {
                    results.buffer[index] = .failure(error)
                }
            }
        }
        var chunks: [EncodedChunk] = []
        chunks.reserveCapacity(count)
        for result in results {
            guard let result else { preconditionFailure("a column chunk was not encoded") }
            chunks.append(try result.get())
        }
        return chunks
    }
}

/// Result slots that concurrent tasks fill, each task writing only the slot of its own index.
private struct DisjointSlots<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
}
