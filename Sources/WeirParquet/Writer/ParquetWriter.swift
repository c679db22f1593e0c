import WeirColumns
import WeirCompression

/// Writes record batches to a Parquet file, a row group at a time.
///
/// Batches are buffered until a row group is full (``ParquetWriterOptions/rowGroupRows`` rows or
/// ``ParquetWriterOptions/rowGroupBytes`` bytes). Its column chunks are then encoded and
/// compressed in parallel on background threads while the caller goes on producing rows, and
/// written out while the next row group encodes; memory stays bounded by about three row groups
/// (the one filling, the one encoding and the one being written).
/// The file is built under a temporary name next to `path` and appears at `path` only when
/// ``close()`` succeeds: a failed or abandoned writer leaves nothing there.
public final class ParquetWriter {
    /// Where the finished file appears.
    public let path: String
    /// The columns every batch must have, in order.
    public let schema: Schema
    public let options: ParquetWriterOptions

    private let file: FileSink
    private var state = State.open
    /// The Parquet columns and the storage of each, fixed by the first batch.
    private var layout: WriterSchema?
    private var buffer: RowGroupBuffer
    /// The row group encoding in the background.
    private var inFlight: RowGroupJob?
    /// The pages of the last row group encoded, written while the next one encodes.
    private var unwritten: [[UInt8]] = []
    private var rowGroups: [RowGroup] = []
    private var rowCount = 0

    private enum State {
        case open
        case closed
        case failed(ParquetError)
    }

    /// Creates the temporary file and checks that every field can be written.
    /// - Throws: `ParquetError` for an unsupported field type, an invalid option or a file that
    ///   cannot be created.
    public init(path: String, schema: Schema, options: ParquetWriterOptions = .init()) throws(ParquetError) {
        self.path = path
        self.schema = schema
        self.options = options
        do throws(ParquetError) {
            try options.validate()
            try Self.validate(schema)
            // Compressing nothing checks the level and that the codec's library is there.
            _ = try PageCompression.compressor(codec: options.codec, level: options.compressionLevel)(
                UnsafeRawBufferPointer(start: nil, count: 0))
        } catch {
            throw error.at(path: path)
        }
        buffer = RowGroupBuffer(columnCount: schema.fields.count)
        file = try FileSink(path: path, inPlace: options.writeInPlace, observer: options.byteObserver)
        unwritten = [ParquetFormat.magic]
        file.plan(ParquetFormat.magic.count)
    }

    deinit {
        if case .open = state { discard() }
    }

    /// Appends the rows of `batch`, writing a row group whenever one fills up.
    ///
    /// - Throws: `ParquetError` (`.invalidArgument`) when the batch's schema differs from the
    ///   writer's or a required column holds a null; the writer stays usable and nothing of the
    ///   batch is written. Any other error aborts the writer.
    public func write(_ batch: RecordBatch) throws(ParquetError) {
        try checkOpen()
        do throws(ParquetError) {
            try checkSchema(of: batch)
            try checkRequiredColumns(of: batch)
            // An empty batch says nothing of fixed-length widths (a decimal's come from its
            // precision when no rows ever come): the first batch with rows decides.
            if batch.rowCount == 0 && layout == nil { return }
            if layout == nil { layout = try WriterSchema(fields: schema.fields, columns: batch.columns) }
            try checkStorageMatches(batch, layout!)
            for column in batch.columns {
                if column.field.type.isNested {
                    try NestedValueCheck.check(column)
                } else {
                    try BatchValueCheck.check(column)
                }
            }
        } catch {
            throw error.at(path: path)
        }
        try guarded { () throws(ParquetError) in
            let batchBytes = RowGroupBuffer.byteSize(of: batch)
            let rowBytes = max(1, batchBytes / max(batch.rowCount, 1))
            var next = 0
            while next < batch.rowCount {
                let roomForRows = options.rowGroupRows - buffer.rowCount
                let roomForBytes = max(1, (options.rowGroupBytes - buffer.byteCount) / rowBytes)
                let take = min(batch.rowCount - next, roomForRows, roomForBytes)
                buffer.append(batch, rows: next..<(next + take))
                next += take
                if buffer.rowCount >= options.rowGroupRows || buffer.byteCount >= options.rowGroupBytes {
                    // Encode in the background only when the call returns to the caller next;
                    // otherwise this thread would just wait for it.
                    try flushRowGroup(inBackground: batch.rowCount - next < options.rowGroupRows)
                }
            }
        }
    }

    /// Writes the buffered rows and the footer, flushes the file to the disk and moves it onto
    /// ``path``.
    /// - Returns: the rows, row groups and bytes written.
    @discardableResult
    public func close() throws(ParquetError) -> ParquetWriteSummary {
        try checkOpen()
        return try guarded { () throws(ParquetError) -> ParquetWriteSummary in
            if !buffer.isEmpty { try flushRowGroup(inBackground: false) }
            try finishRowGroup()
            try writeFooter()
            try file.commit(sync: options.syncOnClose)
            state = .closed
            return ParquetWriteSummary(rows: rowCount, rowGroups: rowGroups.count, bytes: file.plannedOffset)
        }
    }

    /// Writes `batch` as the whole file at `path`: the file appears complete or not at all.
    @discardableResult
    public static func write(
        _ batch: RecordBatch, to path: String, options: ParquetWriterOptions = .init()
    ) throws(ParquetError) -> ParquetWriteSummary {
        let writer = try ParquetWriter(path: path, schema: batch.schema, options: options)
        do throws(ParquetError) {
            try writer.write(batch)
            return try writer.close()
        } catch {
            writer.abort()
            throw error
        }
    }

    /// Gives up the file: deletes the temporary file and leaves `path` untouched.
    public func abort() {
        if case .open = state {
            discard()
            state = .closed
        }
    }

    // MARK: Row groups

    /// Encodes the buffered rows, in the background or on this thread, after handing the row
    /// group encoded before to the file.
    private func flushRowGroup(inBackground: Bool) throws(ParquetError) {
        try finishRowGroup()
        let rows = buffer.rowCount
        let segments = buffer.take()
        guard let layout else { preconditionFailure("rows buffered before the columns were known") }
        let compressor = PageCompression.compressor(codec: options.codec, level: options.compressionLevel)
        let settings = ChunkEncodingSettings(
            codec: ParquetCompressionCodec(options.codec),
            dictionary: options.dictionary,
            dictionaryPageSizeLimit: options.dictionaryPageSizeLimit,
            // Past a page of 2^40 bytes the row cap decides anyway; this keeps sizes × 8 in range.
            dataPageSize: min(options.dataPageSize, 1 << 40))
        let encoder = RowGroupEncoder(
            encoders: layout.leaves.map { ColumnChunkEncoder(column: $0, settings: settings, compress: compressor) },
            owners: layout.owners, parallel: options.parallel)
        let previous = unwritten
        unwritten = []
        inFlight = RowGroupJob(
            ordinal: rowGroups.count, rows: rows, encoder: encoder, segments: segments, writing: previous, to: file,
            inBackground: inBackground && options.parallel)
    }

    /// Waits for the row group being encoded, if any, records it and keeps its pages to write
    /// while the next row group encodes (or with the footer).
    private func finishRowGroup() throws(ParquetError) {
        guard let job = inFlight else { return }
        inFlight = nil
        let chunks = try job.chunks()
        let start = Int64(file.plannedOffset)
        var offset = start
        var columnChunks: [ColumnChunk] = []
        var uncompressed: Int64 = 0
        var blocks: [[UInt8]] = []
        for chunk in chunks {
            columnChunks.append(chunk.columnChunk(at: offset))
            uncompressed += chunk.metadata.totalUncompressedSize
            offset += Int64(chunk.storedSize)
            for page in chunk.pages {
                blocks.append(page.header)
                blocks.append(page.body)
            }
        }
        file.plan(Int(offset - start))
        unwritten = blocks
        rowGroups.append(
            RowGroup(
                columns: columnChunks,
                totalByteSize: uncompressed,
                numRows: Int64(job.rows),
                fileOffset: start,
                totalCompressedSize: offset - start,
                ordinal: job.ordinal <= Int(Int16.max) ? Int16(job.ordinal) : nil))
        rowCount += job.rows
    }

    /// Waits for background work and deletes the temporary file.
    private func discard() {
        inFlight?.finish()
        inFlight = nil
        file.discard()
    }

    private func writeFooter() throws(ParquetError) {
        let layout: WriterSchema
        if let decided = self.layout {
            layout = decided
        } else {
            layout = try WriterSchema(fields: schema.fields, columns: nil)
        }
        let root = SchemaElement(name: "schema", numChildren: Int32(schema.fields.count))
        let metadata = FileMetaData(
            version: 2,
            schema: [root] + layout.elements,
            numRows: Int64(rowCount),
            rowGroups: rowGroups,
            keyValueMetadata: options.keyValueMetadata.isEmpty
                ? nil
                : options.keyValueMetadata.sorted { $0.key < $1.key }.map { KeyValue(key: $0.key, value: $0.value) },
            createdBy: options.createdBy,
            columnOrders: Array(repeating: .typeDefinedOrder, count: layout.leaves.count))
        let footer = metadata.thriftBytes
        let length = withUnsafeBytes(of: UInt32(footer.count).littleEndian) { Array($0) }
        try file.write(unwritten + [footer, length, ParquetFormat.magic])
        file.plan(footer.count + length.count + ParquetFormat.magic.count)
        unwritten = []
    }

    // MARK: State

    private func checkOpen() throws(ParquetError) {
        switch state {
        case .open: return
        case .closed:
            throw ParquetError(
                .invalidArgument, "The Parquet writer is already closed. Please create a new writer.", path: path)
        case .failed(let error):
            throw ParquetError(
                .invalidArgument,
                "The Parquet writer stopped after an earlier error (\(error.message)). Please create a new writer.",
                path: path)
        }
    }

    /// Runs `body`; on an error, deletes the temporary file and keeps the writer failed.
    private func guarded<R>(_ body: () throws(ParquetError) -> R) throws(ParquetError) -> R {
        do throws(ParquetError) {
            return try body()
        } catch {
            let located = error.at(path: path)
            discard()
            state = .failed(located)
            throw located
        }
    }
}
