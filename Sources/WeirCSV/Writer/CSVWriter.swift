import WeirColumns

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes record batches as CSV, quoting a value only where it must be: when it holds the
/// delimiter, a quote or a line break, when it would read back as null, or when it starts a row
/// with `#` (which a reader could take for a metadata line). What it writes reads back with
/// ``CSVReader`` to the same values.
///
/// Values print as ``WeirColumns/Value/text`` does: shortest round-tripping doubles, ISO 8601
/// dates and timestamps, base64 binary.
public final class CSVWriter {
    public let schema: Schema
    public let options: CSVWriterOptions
    private var output: [UInt8] = []
    private let descriptor: Int32?
    private let path: String?
    private let encoder: FieldEncoder

    /// Creates (or truncates) the file at `path` and writes the header.
    public init(path: String, schema: Schema, options: CSVWriterOptions = CSVWriterOptions()) throws(CSVError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CSVError(
                .io,
                "The file cannot be created (\(String(cString: strerror(errno)))). Check the folder exists and "
                    + "is writable.", path: path)
        }
        self.descriptor = descriptor
        self.path = path
        self.schema = schema
        self.options = options
        encoder = FieldEncoder(options: options)
        writeHeader()
    }

    /// Writes into memory; read the result from ``bytes``.
    public init(schema: Schema, options: CSVWriterOptions = CSVWriterOptions()) {
        descriptor = nil
        path = nil
        self.schema = schema
        self.options = options
        encoder = FieldEncoder(options: options)
        writeHeader()
    }

    deinit {
        if let descriptor { closeDescriptor(descriptor) }
    }

    /// What has been written so far, when writing into memory.
    public var bytes: [UInt8] { output }

    /// What has been written into memory since the last call, handed over and forgotten: for a
    /// caller that streams (or compresses) the text a batch at a time.
    public func takeBytes() -> [UInt8] {
        defer { output.removeAll(keepingCapacity: true) }
        return output
    }

    /// Encodes the batch's rows; its columns must match the writer's schema in number.
    public func write(_ batch: RecordBatch) throws(CSVError) {
        guard batch.columns.count == schema.fields.count else {
            throw CSVError(
                .invalidOptions,
                "The batch has \(batch.columns.count) columns but the writer's schema has \(schema.fields.count). "
                    + "Write batches of the writer's schema.", path: path)
        }
        let single = batch.columns.count == 1
        for row in 0..<batch.rowCount {
            for (index, column) in batch.columns.enumerated() {
                if index > 0 { output.append(options.dialect.delimiter) }
                encoder.append(column, row: row, first: index == 0, alone: single, to: &output)
            }
            output += options.lineBreak
            if output.count >= 1 << 20 { try flush() }
        }
        try flush()
    }

    /// Flushes and closes the file.
    public func close() throws(CSVError) {
        try flush()
        if let descriptor, fsync(descriptor) != 0 && errno != EINVAL {
            throw CSVError(.io, "Writing the file failed (\(String(cString: strerror(errno)))).", path: path)
        }
    }

    private func writeHeader() {
        guard options.dialect.hasHeader else { return }
        for (index, field) in schema.fields.enumerated() {
            if index > 0 { output.append(options.dialect.delimiter) }
            encoder.appendText(Array(field.name.utf8), first: index == 0, isText: true, to: &output)
        }
        output += options.lineBreak
    }

    private func flush() throws(CSVError) {
        guard let descriptor, !output.isEmpty else { return }
        var written = 0
        while written < output.count {
            let result = output.withUnsafeBytes {
                writeDescriptor(descriptor, $0.baseAddress! + written, $0.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw CSVError(.io, "Writing the file failed (\(String(cString: strerror(errno)))).", path: path)
            }
            written += result
        }
        output.removeAll(keepingCapacity: true)
    }
}

// File-scope wrappers: inside the class, `close` and `write` name its own methods.
private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}

private func writeDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
