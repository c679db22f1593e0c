import Dispatch

/// The output file, written on a background queue so that writing one row group to the file
/// overlaps with encoding the next.
///
/// Jobs run one at a time and in order; a new job waits for the previous one, so at most two
/// encoded row groups are in memory. A failure is kept and reported by the next call.
final class FileSink: @unchecked Sendable {
    // All mutable state is touched only on `queue`, or by the owner after `wait()` returned.
    private var file: OutputFile
    private var failure: ParquetError?
    private let queue = DispatchQueue(label: "weir.parquet.file-sink")
    private let running = DispatchGroup()
    /// Bytes written or queued so far: where the next block will start.
    private(set) var plannedOffset: Int

    init(path: String) throws(ParquetError) {
        file = try OutputFile(path: path)
        plannedOffset = 0
    }

    /// Queues `blocks` to be written in order after everything queued before.
    func enqueue(_ blocks: [[UInt8]]) throws(ParquetError) {
        try wait()
        plannedOffset += blocks.reduce(0) { $0 + $1.count }
        running.enter()
        queue.async { [self] in
            defer { running.leave() }
            do throws(ParquetError) {
                for block in blocks { try file.write(block) }
            } catch {
                failure = error
            }
        }
    }

    /// Waits for the queued writes and reports the first that failed.
    func wait() throws(ParquetError) {
        running.wait()
        if let failure { throw failure }
    }

    /// Waits for the queued writes, then flushes the file to the disk and moves it in place.
    func commit() throws(ParquetError) {
        try wait()
        try file.commit()
    }

    /// Waits for the queued writes and deletes the temporary file.
    func discard() {
        running.wait()
        file.discard()
    }
}
