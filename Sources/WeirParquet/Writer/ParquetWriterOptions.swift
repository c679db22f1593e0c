import WeirCompression

/// How a ``ParquetWriter`` lays out and compresses a file.
public struct ParquetWriterOptions: Sendable {
    /// The codec of every page.
    public var codec: CompressionCodec = .snappy
    /// The codec's level (GZIP 1–9, ZSTD 1–22, Brotli 0–11); `nil` for the codec's default.
    public var compressionLevel: Int? = nil
    /// Whether columns start dictionary-encoded. Each column chunk falls back to PLAIN for its
    /// remaining rows once its dictionary would pass ``dictionaryPageSizeLimit``, and is written
    /// PLAIN from the start when its first 1,024 rows are all distinct (a column of measurements, for
    /// example) or its first 32,768 show that a dictionary would not make them smaller.
    public var dictionary: Bool = true
    /// The largest dictionary page, in bytes before compression.
    public var dictionaryPageSizeLimit: Int = 1 << 20
    /// The target size of a data page, in bytes before compression.
    public var dataPageSize: Int = 1 << 20
    /// The most rows in a row group.
    public var rowGroupRows: Int = 1_000_000
    /// A row group is cut once the buffered values take this many bytes in memory.
    public var rowGroupBytes: Int = 128 << 20
    /// Key-value pairs stored in the file's footer.
    public var keyValueMetadata: [String: String] = [:]
    /// The `created_by` string of the footer.
    public var createdBy: String = ParquetWriterOptions.defaultCreatedBy
    /// Flush the file to the disk (`fsync`) before renaming it into place. A caller writing many
    /// files may turn this off and flush them all at once (`syncfs`) before relying on them.
    public var syncOnClose: Bool = true
    /// Write straight to the destination instead of a temporary name renamed onto it on close
    /// (one metadata operation less per file), replacing any file there. For a caller whose folder
    /// is itself temporary until it commits it: a reader could otherwise see a half-written file.
    /// A failed or abandoned writer still deletes what it wrote.
    public var writeInPlace: Bool = false
    /// Encode the columns of a row group on all cores, and the next row group while the caller
    /// produces rows. A caller that writes many files at once, one per core, turns this off so
    /// that each file is written on its caller's thread alone.
    public var parallel: Bool = true
    /// Sees every byte of the file, in order, as it is written: to hash or count the output on the
    /// way instead of reading the file back. Called from the writer's threads, one call at a time.
    public var byteObserver: (@Sendable (UnsafeRawBufferPointer) -> Void)? = nil

    /// `weir version 0.1.0 (build 1)`, in the form readers parse to recognise a writer.
    public static let defaultCreatedBy = "weir version 0.1.0 (build 1)"

    public init() {}

    /// Checks the limits, naming the first one out of range.
    func validate() throws(ParquetError) {
        let limits: [(String, Int, Int)] = [
            ("rowGroupRows", rowGroupRows, 1),
            ("rowGroupBytes", rowGroupBytes, 1),
            ("dataPageSize", dataPageSize, 1),
            ("dictionaryPageSizeLimit", dictionaryPageSizeLimit, 0),
        ]
        for (name, value, minimum) in limits where value < minimum {
            throw ParquetError(
                .invalidArgument,
                "The writer option '\(name)' is '\(value)'. Please set it to \(minimum) or more.")
        }
    }
}

/// What ``ParquetWriter/close()`` wrote.
public struct ParquetWriteSummary: Sendable, Hashable {
    /// Rows in the file.
    public var rows: Int
    /// Row groups in the file.
    public var rowGroups: Int
    /// The file's size in bytes.
    public var bytes: Int

    public init(rows: Int, rowGroups: Int, bytes: Int) {
        self.rows = rows
        self.rowGroups = rowGroups
        self.bytes = bytes
    }
}
