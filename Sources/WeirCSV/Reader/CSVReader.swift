import WeirColumns

/// Reads a CSV file as typed columnar batches, streaming: memory stays bounded by the chunk
/// size and ``CSVOptions/parallelism`` however large the file is.
///
/// Opening the reader reads the leading metadata lines, the header and a sample of rows, and
/// fixes ``schema``: declared types from ``CSVOptions/columnTypes``, inferred ones for the other
/// columns. ``next()`` then returns batches in file order until it returns `nil`.
///
/// ```swift
/// let reader = try CSVReader(path: "run.csv")
/// while let batch = try reader.next() {
///     consume(batch.records)
/// }
/// ```
///
/// Timestamps without a UTC offset are local wall-clock readings (`utc: false`); a caller that
/// knows the time zone converts them. Timestamps with `Z` or an offset are converted to UTC. A
/// column that mixes both is a UTC column, whose readings without an offset are wall-clock times
/// in ``CSVOptions/localTimeZone`` (taken as UTC without one).
public final class CSVReader {
    /// The columns of every batch.
    public let schema: Schema
    /// Lines before the header collected with ``CSVOptions/LeadingLines/collect(prefix:)``.
    public let metadata: [CSVMetadataLine]
    /// Undeclared columns that had no value in the type-inference sample (for a file that fits
    /// one chunk, the whole file): typed as text for want of a value, not because of one.
    public let valuelessColumns: Set<String>
    /// The file's path (or the name given to in-memory bytes).
    public var path: String { plan.path }
    /// The size of the input in bytes.
    public var byteCount: Int { plan.source.size }
    /// How far the batches returned so far reach into the input, in bytes; for progress reports.
    public private(set) var bytesRead: Int

    private let plan: ParsePlan
    private let parser: ChunkParser
    private let pipeline: ChunkPipeline?
    private var queue: [CSVBatch] = []
    private var queueIndex = 0
    private var nextChunk = 0
    private var expectedStart: Int
    private var nextLine: Int
    private var finished = false
    /// The whole file, parsed while opening it to check a quick type inference.
    private var parsedAhead: ChunkResult?

    /// Opens the file at `path` and reads its header and sample.
    /// - Throws: ``CSVError`` when the file cannot be read, is empty, or its header is malformed.
    public convenience init(path: String, options: CSVOptions = CSVOptions()) throws(CSVError) {
        try self.init(source: ByteSource(path: path), options: options)
    }

    /// Reads CSV bytes held in memory; `name` stands for the file in error messages.
    public convenience init(bytes: [UInt8], name: String = "<memory>", options: CSVOptions = CSVOptions())
        throws(CSVError)
    {
        try self.init(source: ByteSource(bytes: bytes, name: name), options: options)
    }

    private init(source: ByteSource, options: CSVOptions) throws(CSVError) {
        // A file that one chunk holds is typed from a quick sample and parsed right away; should a
        // value not fit, it is typed from the full sample instead (the outcome is the same).
        var prologue = try Prologue(
            source: source, options: options, quick: options.quickSample && source.size <= options.chunkBytes)
        var checked: ChunkParser?
        if prologue.plan.isSpeculative {
            let parser = ChunkParser(plan: prologue.plan)
            let result = parser.parse(from: prologue.plan.dataStart, to: source.size)
            if result.speculationFailed || result.error != nil {
                prologue = try Prologue(source: source, options: options)
            } else {
                parsedAhead = result
                checked = parser
            }
        }
        plan = prologue.plan
        schema = plan.schema
        metadata = prologue.metadata
        valuelessColumns = prologue.valueless
        parser = checked ?? ChunkParser(plan: plan)
        expectedStart = plan.dataStart
        nextLine = plan.dataLine
        bytesRead = plan.dataStart
        let dataBytes = source.size - plan.dataStart
        if options.parallelism > 1 && dataBytes > 2 * plan.chunkBytes {
            let pipeline = ChunkPipeline(plan: plan, workers: options.parallelism)
            self.pipeline = pipeline.start(workers: options.parallelism) ? pipeline : nil
        } else {
            pipeline = nil
        }
    }

    deinit {
        pipeline?.cancel()
    }

    /// Only the metadata lines at the start of the file at `path` (as ``metadata`` would hold
    /// them), without reading the header or sampling rows: for a caller whose column types depend
    /// on the metadata.
    public static func leadingMetadata(path: String, options: CSVOptions = CSVOptions()) throws(CSVError)
        -> [CSVMetadataLine]
    {
        var reader = PrologueReader(source: try ByteSource(path: path), options: options)
        try reader.readLeadingLines()
        return reader.metadata
    }

    /// The next batch in file order, or `nil` after the last.
    /// - Throws: ``CSVError`` at the first bad row in ``CSVOptions/ErrorMode/failFile`` mode, or
    ///   when the file cannot be read.
    public func next() throws(CSVError) -> CSVBatch? {
        while queueIndex == queue.count {
            guard !finished else { return nil }
            try readChunk()
        }
        defer { queueIndex += 1 }
        return queue[queueIndex]
    }

    /// Every remaining row in one batch, and every rejected row; for files that fit in memory.
    public func readAll() throws(CSVError) -> CSVBatch {
        var parts: [RecordBatch] = []
        var rejects: [CSVRejectedRow] = []
        while let batch = try next() {
            parts.append(batch.records)
            rejects += batch.rejects
        }
        return CSVBatch(records: RecordBatch.concatenating(parts, schema: schema), rejects: rejects)
    }

    private func readChunk() throws(CSVError) {
        queue.removeAll(keepingCapacity: true)
        queueIndex = 0
        var result: ChunkResult
        if let pipeline {
            guard nextChunk < pipeline.chunkCount else {
                finished = true
                return
            }
            result = pipeline.take(nextChunk)
            nextChunk += 1
            if result.start != expectedStart {
                // The guessed boundary was not a record boundary: parse from the true one.
                result = parser.parse(from: expectedStart, to: max(result.limit, expectedStart))
            }
        } else if let ahead = parsedAhead {
            parsedAhead = nil
            result = ahead
            if result.end <= expectedStart { finished = true }
        } else {
            guard expectedStart < plan.source.size else {
                finished = true
                return
            }
            result = parser.parse(from: expectedStart, to: min(plan.source.size, expectedStart + plan.chunkBytes))
            if result.error == nil && result.end <= expectedStart { finished = true }
        }
        result.placeLines(startingAt: nextLine)
        if let error = result.error {
            finished = true
            pipeline?.cancel()
            throw error
        }
        nextLine += result.lines
        expectedStart = max(expectedStart, result.end)
        bytesRead = expectedStart
        queue = result.batches
    }
}

extension RecordBatch {
    /// The rows of `batches` one after another, all of `schema`.
    static func concatenating(_ batches: [RecordBatch], schema: Schema) -> RecordBatch {
        guard batches.count != 1 else { return batches[0] }
        let columns = schema.fields.indices.map { index in
            Column.concatenating(batches.map { $0.columns[index] }, field: schema.fields[index])
        }
        return RecordBatch(schema: schema, columns: columns)
    }
}
