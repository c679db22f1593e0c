import WeirColumns
import WeirCompression

/// Writes record batches to a Parquet file, a row group at a time.
///
/// Batches are buffered until a row group is full (``ParquetWriterOptions/rowGroupRows`` rows or
/// ``ParquetWriterOptions/rowGroupBytes`` bytes); its column chunks are then encoded and
/// compressed in parallel and written out, so memory stays bounded by about one row group.
/// The file is built under a temporary name next to `path` and appears at `path` only when
/// ``close()`` succeeds: a failed or abandoned writer leaves nothing there.
public final class ParquetWriter {
    public let path: String
    public let schema: Schema
    public let options: ParquetWriterOptions

    private var file: OutputFile
    private var state = State.open
    /// The storage of each column, fixed by the first batch.
    private var columns: [WriterColumn]?
    private var buffer: RowGroupBuffer
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
        file = try OutputFile(path: path)
        do throws(ParquetError) {
            try file.write(ParquetFormat.magic)
        } catch {
            file.discard()
            throw error
        }
    }

    deinit {
        if case .open = state { file.discard() }
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
            if columns == nil {
                var decided: [WriterColumn] = []
                for column in batch.columns {
                    decided.append(
                        try WriterColumn(
                            field: column.field, storage: column.storage.kind, width: Self.width(of: column)))
                }
                columns = decided
            }
            try checkStorageMatches(batch, columns!)
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
                    try flushRowGroup()
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
            if !buffer.isEmpty { try flushRowGroup() }
            try writeFooter()
            try file.commit()
            state = .closed
            return ParquetWriteSummary(rows: rowCount, rowGroups: rowGroups.count, bytes: file.offset)
        }
    }

    /// Gives up the file: deletes the temporary file and leaves `path` untouched.
    public func abort() {
        if case .open = state {
            file.discard()
            state = .closed
        }
    }

    // MARK: Row groups

    private func flushRowGroup() throws(ParquetError) {
        let rows = buffer.rowCount
        let segments = buffer.take()
        guard let columns else { preconditionFailure("rows buffered before the columns were known") }
        let compressor = PageCompression.compressor(codec: options.codec, level: options.compressionLevel)
        let settings = ChunkEncodingSettings(
            codec: ParquetCompressionCodec(options.codec),
            dictionary: options.dictionary,
            dictionaryPageSizeLimit: options.dictionaryPageSizeLimit,
            dataPageSize: options.dataPageSize)
        let encoder = RowGroupEncoder(
            encoders: columns.map { ColumnChunkEncoder(column: $0, settings: settings, compress: compressor) })
        let ordinal = rowGroups.count
        let chunks: [EncodedChunk]
        do throws(ParquetError) {
            chunks = try encoder.encode(segments)
        } catch {
            var located = error
            located.location = "row group \(ordinal)" + (error.location.map { ", " + $0 } ?? "")
            throw located
        }
        let start = Int64(file.offset)
        var columnChunks: [ColumnChunk] = []
        var uncompressed: Int64 = 0
        for chunk in chunks {
            let offset = Int64(file.offset)
            for page in chunk.pages {
                try file.write(page.header)
                try file.write(page.body)
            }
            columnChunks.append(chunk.columnChunk(at: offset))
            uncompressed += chunk.metadata.totalUncompressedSize
        }
        rowGroups.append(
            RowGroup(
                columns: columnChunks,
                totalByteSize: uncompressed,
                numRows: Int64(rows),
                fileOffset: start,
                totalCompressedSize: Int64(file.offset) - start,
                ordinal: ordinal <= Int(Int16.max) ? Int16(ordinal) : nil))
        rowCount += rows
    }

    private func writeFooter() throws(ParquetError) {
        var columns = self.columns ?? []
        if self.columns == nil {
            for field in schema.fields { columns.append(try WriterColumn(field: field)) }
        }
        let root = SchemaElement(name: "schema", numChildren: Int32(columns.count))
        let metadata = FileMetaData(
            version: 2,
            schema: [root] + columns.map(\.element),
            numRows: Int64(rowCount),
            rowGroups: rowGroups,
            keyValueMetadata: options.keyValueMetadata.isEmpty
                ? nil
                : options.keyValueMetadata.sorted { $0.key < $1.key }.map { KeyValue(key: $0.key, value: $0.value) },
            createdBy: options.createdBy,
            columnOrders: Array(repeating: .typeDefinedOrder, count: columns.count))
        let footer = metadata.thriftBytes
        try file.write(footer)
        try file.write(withUnsafeBytes(of: UInt32(footer.count).littleEndian) { Array($0) })
        try file.write(ParquetFormat.magic)
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
            file.discard()
            state = .failed(located)
            throw located
        }
    }

    private static func width(of column: Column) -> Int {
        if case .fixedBytes(let width, _) = column.storage { return width }
        return 0
    }
}
