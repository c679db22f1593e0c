/// The output file of a writer, shared between the writer and the task that writes a row group's
/// pages while the next row group encodes.
///
/// Only one thread uses it at a time: the row-group task while a row group is in flight, the
/// writer's caller otherwise (the writer waits for the task before touching the file again).
final class FileSink: @unchecked Sendable {
    private var file: OutputFile
    /// Bytes handed to ``write(_:)`` so far, or about to be: where the next block will start.
    private(set) var plannedOffset = 0

    /// Sees every byte written, in file order.
    private let observer: (@Sendable (UnsafeRawBufferPointer) -> Void)?

    init(path: String, inPlace: Bool = false, observer: (@Sendable (UnsafeRawBufferPointer) -> Void)? = nil)
        throws(ParquetError)
    {
        file = try OutputFile(path: path, inPlace: inPlace)
        self.observer = observer
    }

    /// Counts `bytes` more bytes as planned, for blocks that will be written later.
    func plan(_ bytes: Int) {
        plannedOffset += bytes
    }

    /// Writes `blocks` in order at the end of the file.
    func write(_ blocks: [[UInt8]]) throws(ParquetError) {
        if let observer {
            for block in blocks { block.withUnsafeBytes { observer($0) } }
        }
        try file.write(blocks)
    }

    /// Flushes the file to the disk (unless `sync` is false) and moves it in place.
    func commit(sync: Bool = true) throws(ParquetError) {
        try file.commit(sync: sync)
    }

    /// Deletes the temporary file.
    func discard() {
        file.discard()
    }
}
