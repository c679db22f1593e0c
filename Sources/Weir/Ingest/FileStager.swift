import Crypto
import Foundation
import WeirCSV
import WeirColumns
import WeirParquet

/// Stages one source file: reads it, applies the time zone, writes its Parquet part under its
/// partition folders, and describes the result as a manifest row.
struct FileStager: Sendable {
    let configuration: IngestConfiguration
    let layout: DatasetLayout
    let session: String
    let weirVersion: String
    /// The dataset's schema as this pass knows it (kinds not in it are fixed by the batch).
    var known = DatasetSchema(evolution: .additive, configuration: "")
    /// No file may change the schema: the batch has settled it (its second pass), or it is
    /// frozen (`schema_evolution: frozen`) for the kinds it has.
    var settled = false

    /// A row set aside in reject-rows mode.
    struct RejectedRow: Sendable, Hashable {
        var line: Int
        var column: Int?
        var byteOffset: Int?
        var reason: String
        var text: String
    }

    /// A part file as written, with the hash of its bytes (so it need not be read back).
    struct WrittenPart: Sendable {
        /// Relative to the dataset.
        var path: String
        var stat: FileStat
        var sha256: String
    }

    struct Outcome: Sendable {
        var row: ManifestRow
        var rejectedRows: [RejectedRow]
        var bytesRead: Int64
        var part: WrittenPart?
        /// Why the batch must stop (the disk is full, a read failed): nothing about the file itself.
        var stop: String? = nil
        /// The file's `schema_key` value, and its part's columns as written.
        var kind: String? = nil
        var fields: [Field] = []
        /// Columns the file has no value for (typed as text for want of one).
        var valueless: Set<String> = []
    }

    /// Stages `work`; a file that cannot be staged gives a `rejected` row, never an error.
    func stage(_ work: IngestPlan.Work, now: Int64) -> Outcome {
        var fields: [String: Value] = [:]
        for (name, value) in work.fields { fields[name] = Self.value(value) }
        let runID = Self.runID(
            configuration: configuration.configurationDigest, path: work.relativePath, sha256: work.sha256)
        var row = ManifestRow(
            runID: runID, sourcePath: work.relativePath, sourceSize: work.stat.size, sourceHash: work.sha256,
            status: .staged, rows: 0, dataPath: nil, fields: fields, schemaVersion: configuration.schemaVersion,
            weirVersion: weirVersion, session: session, ingestedAt: now
        )
        let absolute = configuration.source + "/" + work.relativePath
        do {
            let format =
                configuration.format ?? (work.relativePath.lowercased().hasSuffix(".parquet") ? .parquet : .csv)
            let result: Staged
            // Files are staged one per core; a large one is also read and written on every core,
            // so that a folder holding one big file is not staged on one core.
            let large = work.stat.size >= configuration.largeFileBytes
            switch format {
            case .csv: result = try stageCSV(absolute, runID: runID, large: large, fields: &row.fields)
            case .parquet: result = try stageParquet(absolute, runID: runID, large: large, fields: row.fields)
            }
            // A file that changed meanwhile (an instrument still writing it) would be recorded with
            // the hash of other content than was staged.
            let after = try? FileStat.of(absolute, followLinks: true)
            if after?.size != work.stat.size || after?.mtimeNanoseconds != work.stat.mtimeNanoseconds
                || after?.inode != work.stat.inode
            {
                unlink(layout.root + "/" + result.part.path)
                throw IngestFileError(
                    message: "it changed while it was being staged (is it still being written?). Run again once "
                        + "it is complete")
            }
            row.rows = result.rows
            row.rejectedRows = Int64(result.rejected.count)
            row.dataPath = result.part.path
            return Outcome(
                row: row, rejectedRows: result.rejected, bytesRead: work.stat.size, part: result.part,
                kind: kind(row.fields), fields: result.fields, valueless: result.valueless)
        } catch {
            if Self.isEnvironmental(error) {
                // Recorded as rejected, the file would not be tried again while it is unchanged.
                return Outcome(
                    row: row, rejectedRows: [], bytesRead: work.stat.size, part: nil,
                    stop: "While staging '\(work.relativePath)': \(error)")
            }
            row.status = .rejected
            row.reason = Self.reason(for: error, sourceRoot: configuration.source)
            // The writer removed its temporary file; its empty `run_id=` folder goes too.
            let part = layout.root + "/" + DatasetLayout.partPath(partitions: partitions(row.fields), runID: runID)
            rmdir(String(part[..<part.lastIndex(of: "/")!]))
            return Outcome(row: row, rejectedRows: [], bytesRead: work.stat.size, part: nil, kind: kind(row.fields))
        }
    }

    /// What staging a file wrote.
    private struct Staged {
        var rows: Int64
        var rejected: [RejectedRow]
        var part: WrittenPart
        /// The part's columns.
        var fields: [Field]
        var valueless: Set<String> = []
    }

    /// The `schema_key` value of a file with these fields.
    func kind(_ fields: [String: Value]) -> String? {
        guard let key = configuration.schemaKey, let value = fields[key], value != .null else { return nil }
        return value.text
    }

    /// How the columns of a file of `kind` (as stored) fit the dataset's schema; throws when the
    /// file would change a schema that may not change.
    private func fit(_ fields: [Field], kind: String?, path: String, text: Bool, valueless: Set<String> = [])
        throws -> SchemaFit
    {
        let schema = known.kind(kind)
        let fit = SchemaFit(fields: fields, schema: schema, textReadsAnything: text, file: path, valueless: valueless)
        if schema != nil, let change = fit.changes.first, settled || known.evolution == .frozen {
            throw IngestFileError(message: SchemaFit.refusal(change, frozen: known.evolution == .frozen && !settled))
        }
        return fit
    }

    private func stageCSV(_ path: String, runID: String, large: Bool, fields: inout [String: Value]) throws -> Staged {
        var options = configuration.csv
        options.errorMode = configuration.rejectRows ? .rejectRows : .failFile
        // A stray word in a number column is a bad value, not a reason to make the column text
        // in this one part while it is a number in all the others.
        options.strayWordsAreBadValues = true
        // Readings without an offset in a UTC column (one that mixes them with offset readings, or
        // the dataset's UTC type) are wall-clock times in the stage's zone.
        options.localTimeZone = configuration.timezone
        if configuration.headerMetadata, case .none = options.leadingLines {
            options.leadingLines = .collect(prefix: Array("#".utf8))
        }
        var metadataRead = false
        if configuration.headerMetadata, let key = configuration.schemaKey, !configuration.schemas.isEmpty,
            fields[key] == nil
        {
            // The schema is chosen by a metadata field: read the metadata lines first, so that the
            // file is opened (and sampled) once, with its types.
            try addMetadata(try CSVReader.leadingMetadata(path: path, options: options), to: &fields)
            metadataRead = true
        }
        options.columnTypes = configuration.columnTypes(for: fields)
        if large { options.parallelism = ProcessInfo.processInfo.activeProcessorCount }
        var reader = try CSVReader(path: path, options: options)
        if configuration.headerMetadata && !metadataRead {
            try addMetadata(reader.metadata, to: &fields)
            let types = configuration.columnTypes(for: fields)
            if types != options.columnTypes {
                options.columnTypes = types
                reader = try CSVReader(path: path, options: options)
            }
        }
        try checkRequired(fields)
        try checkNoClash(reader.schema)
        let relative = String(path.dropFirst(configuration.source.count + 1))
        let fit = try self.fit(
            Self.storedSchema(reader.schema, timezone: configuration.timezone).fields, kind: kind(fields),
            path: relative, text: true, valueless: reader.valuelessColumns)
        let valueless = reader.valuelessColumns
        if !fit.readAs.isEmpty {
            // Read again with the dataset's types: narrower values widen into them, and values of
            // another kind are bad values that reject the file (or their rows).
            // A UTC timestamp takes the file's readings without an offset in the stage's zone.
            for (name, type) in fit.readAs { options.columnTypes[name] = type }
            reader = try CSVReader(path: path, options: options)
        }
        let conflicts = Dictionary(fit.conflicts.map { ($0.column, $0) }, uniquingKeysWith: { first, _ in first })
        let schema = Self.storedSchema(reader.schema, timezone: configuration.timezone)
        let partPath = DatasetLayout.partPath(partitions: partitions(fields), runID: runID)
        let (writer, hasher) = try openWriter(partPath, schema: schema, parallel: large)
        var rows: Int64 = 0
        var rejected: [RejectedRow] = []
        do {
            while let batch = try reader.next() {
                if batch.records.rowCount > 0 {
                    try writer.write(convert(batch.records, to: schema))
                    rows += Int64(batch.records.rowCount)
                }
                for bad in batch.rejects {
                    var reason = bad.error.message
                    if let name = bad.error.columnName, let conflict = conflicts[name] {
                        reason += " The dataset's schema has '\(name)' as \(ColumnTypeName.name(of: conflict.dataset))."
                    }
                    rejected.append(
                        RejectedRow(
                            line: bad.line, column: bad.error.column, byteOffset: bad.error.byteOffset,
                            reason: reason, text: String(decoding: bad.text, as: UTF8.self)
                        )
                    )
                }
            }
            if rows == 0 && rejected.isEmpty {
                throw IngestFileError(message: "it has a header but no data rows")
            }
            try writer.close()
        } catch let error as CSVError {
            writer.abort()
            if error.kind == .valueMismatch, let name = error.columnName, let conflict = conflicts[name] {
                throw IngestFileError(message: Self.conflictMessage(conflict, error: error, relative: relative))
            }
            throw error
        } catch {
            writer.abort()
            throw error
        }
        return Staged(
            rows: rows, rejected: rejected, part: try written(partPath, hasher), fields: schema.fields,
            valueless: valueless.subtracting(fit.readAs.keys))
    }

    /// A file whose column holds values of another kind than the dataset's type.
    static func conflictMessage(_ conflict: SchemaFit.Conflict, error: CSVError, relative: String) -> String {
        var place: [String] = []
        if let line = error.line { place.append("line \(line)") }
        if let column = error.column { place.append("column \(column)") }
        if let byte = error.byteOffset { place.append("byte \(byte)") }
        let name = conflict.column
        let datasetType = ColumnTypeName.name(of: conflict.dataset)
        // The reader's message starts "The value 'oops' does not fit…": the value is what matters here.
        var value = ""
        if error.message.hasPrefix("The value "), let end = error.message.range(of: " does not fit") {
            value =
                " " + error.message[error.message.index(error.message.startIndex, offsetBy: 10)..<end.lowerBound] + ","
        }
        var fixes =
            "Fix the value, set 'on_bad_rows: reject' to stage the file without such rows, or declare "
            + "'schema: {\(name): string}' to keep the column as text"
        if case .timestamp(_, true) = conflict.file, case .timestamp(_, false) = conflict.dataset {
            // Wall-clock readings with a few offset ones (the hour clocks repeat): the zone of the
            // wall-clock readings makes every one an instant.
            fixes =
                "Set 'timezone' to the zone of the readings without an offset to store the column as UTC, fix the "
                + "value, or set 'on_bad_rows: reject' to stage the file without such rows"
        }
        return "its column '\(name)' is \(ColumnTypeName.name(of: conflict.file)) in this file but "
            + "\(datasetType) in the dataset's schema: the first value that is not a \(datasetType),\(value) is at "
            + place.joined(separator: ", ") + ". " + fixes
    }

    /// Stages a Parquet file column for column. INT96 timestamps are read at microseconds; a file
    /// whose INT96 values have nanosecond digits is read again at nanoseconds, so that no digit is
    /// lost (and its column is a nanosecond timestamp).
    private func stageParquet(
        _ path: String, runID: String, large: Bool, fields: [String: Value],
        options: ParquetReadOptions = ParquetReadOptions()
    ) throws -> Staged {
        do {
            return try stageParquetOnce(path, runID: runID, large: large, fields: fields, options: options)
        } catch let error as ParquetError {
            guard let unit = error.int96Unit, options == ParquetReadOptions() else { throw error }
            return try stageParquetOnce(
                path, runID: runID, large: large, fields: fields, options: ParquetReadOptions(int96Unit: unit))
        }
    }

    private func stageParquetOnce(
        _ path: String, runID: String, large: Bool, fields: [String: Value], options: ParquetReadOptions
    ) throws -> Staged {
        try checkRequired(fields)
        let reader = try ParquetFileReader(path: path, options: options)
        // A column Weir cannot read (of an unknown type) would be dropped: the file is rejected
        // instead, naming it. Nested columns (lists, structs, maps) are staged as they are.
        for (name, error) in reader.unreadableColumns {
            throw IngestFileError(
                message: "its column '\(name)' cannot be staged (\(error.message.trimmingCharacters(in: ["."])))")
        }
        try checkNoClash(reader.schema)
        let stored = Self.storedSchema(reader.schema, timezone: configuration.timezone)
        let relative = String(path.dropFirst(configuration.source.count + 1))
        let fit = try self.fit(stored.fields, kind: kind(fields), path: relative, text: false)
        if let conflict = fit.conflicts.first {
            throw IngestFileError(
                message: "its column '\(conflict.column)' is \(ColumnTypeName.name(of: conflict.file)) but "
                    + "\(ColumnTypeName.name(of: conflict.dataset)) in the dataset's schema. Convert the column in the "
                    + "file, or declare its type in the stage's 'schema' if the dataset should change")
        }
        let schema = Schema(
            stored.fields.map { field in
                var field = field
                if let type = fit.readAs[field.name] { field.type = type }
                return field
            })
        let partPath = DatasetLayout.partPath(partitions: partitions(fields), runID: runID)
        let (writer, hasher) = try openWriter(partPath, schema: schema, parallel: large)
        var rows: Int64 = 0
        do {
            for index in 0..<reader.rowGroupCount {
                let batch = try reader.readRowGroup(index, columns: reader.schema.fields.map(\.name))
                try writer.write(Self.widen(convert(batch, to: stored), to: schema))
                rows += Int64(batch.rowCount)
            }
            try writer.close()
        } catch {
            writer.abort()
            throw error
        }
        return Staged(rows: rows, rejected: [], part: try written(partPath, hasher), fields: schema.fields)
    }

    /// `batch` with each column widened to the type `schema` gives it.
    static func widen(_ batch: RecordBatch, to schema: Schema) -> RecordBatch {
        guard batch.schema != schema else { return batch }
        var columns = batch.columns
        for index in columns.indices where columns[index].field.type != schema.fields[index].type {
            if let wide = columns[index].widened(to: schema.fields[index].type) { columns[index] = wide }
        }
        return RecordBatch(schema: schema, columns: columns)
    }

    private func openWriter(_ partPath: String, schema: Schema, parallel: Bool) throws -> (ParquetWriter, OutputHasher)
    {
        let absolute = layout.root + "/" + partPath
        try Self.makeFolder(String(absolute[..<absolute.lastIndex(of: "/")!]))
        var options = ParquetWriterOptions()
        options.rowGroupRows = configuration.rowGroupRows
        // Parts are flushed all at once (syncfs) before the manifest that lists them is committed.
        options.syncOnClose = false
        options.writeInPlace = configuration.outputIsTemporary
        options.parallel = parallel
        let hasher = OutputHasher()
        options.byteObserver = { hasher.update($0) }
        return (try ParquetWriter(path: absolute, schema: schema, options: options), hasher)
    }

    /// Creates the folder `path` and any missing parents; the part's own `run_id=` folder is
    /// usually the only one missing, so that is tried first.
    static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) == 0 { return }
        let code = errno
        if code == EEXIST {
            var info = stat()
            if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { return }
        }
        guard code == ENOENT else {
            throw IngestEnvironmentError(
                message: "The folder '\(path)' cannot be created: \(String(cString: strerror(code))).")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw IngestEnvironmentError(
                message: "The folder '\(path)' cannot be created: \(error.localizedDescription)")
        }
    }

    /// The part just closed at `partPath`, with the hash of what the writer wrote.
    private func written(_ partPath: String, _ hasher: OutputHasher) throws -> WrittenPart {
        let absolute = layout.root + "/" + partPath
        guard let stat = try FileStat.of(absolute, followLinks: false) else {
            throw IngestEnvironmentError(message: "The part file '\(partPath)' vanished after it was written.")
        }
        return WrittenPart(path: partPath, stat: stat, sha256: hasher.digest())
    }

    /// Adds the typed fields of a file's metadata lines to `fields` (pattern fields win).
    private func addMetadata(_ lines: [CSVMetadataLine], to fields: inout [String: Value]) throws {
        let pairs = lines.compactMap { line in line.key.map { ($0, line.value ?? "") } }
        if configuration.metadataRequired && pairs.isEmpty {
            throw IngestFileError(
                message: "it has no '# Key: value' metadata lines, which 'header_metadata: true' expects. Add "
                    + "them, or set 'header_metadata: optional' if some files have none")
        }
        for (key, entry) in HeaderMetadata.parse(pairs: pairs) where fields[key] == nil {
            for (name, value) in Self.values(key: key, entry: entry, timezone: configuration.timezone)
            where fields[name] == nil {
                fields[name] = value
            }
        }
    }

    /// Rejects a file with a data column named like a partition key: readers with Hive
    /// partitioning would show the folder's value in its place.
    private func checkNoClash(_ schema: Schema) throws {
        for field in schema.fields where configuration.partitionBy.contains(field.name) || field.name == "run_id" {
            throw IngestFileError(
                message: "its column '\(field.name)' has the name of a partition folder level, whose value readers "
                    + "would show instead of the column's. Rename the column in the file, or partition by another field"
            )
        }
    }

    /// Rejects a file without a value for one of the required fields.
    private func checkRequired(_ fields: [String: Value]) throws {
        for name in configuration.requiredFields {
            if let value = fields[name], value != .null { continue }
            let known = fields.filter { $0.value != .null }.keys.sorted().prefix(12).joined(separator: ", ")
            throw IngestFileError(
                message:
                    "it has no value for the required field '\(name)' (its fields: \(known.isEmpty ? "none" : known)). "
                    + "Add it to the file's metadata, or remove it from 'required'")
        }
    }

    /// The partition keys and their text values, in `partitionBy` order; a missing field is null.
    func partitions(_ fields: [String: Value]) -> [(key: String, value: String?)] {
        configuration.partitionBy.map { key in (key, fields[key]?.text) }
    }

    /// Local timestamp columns become UTC when a time zone is configured.
    static func storedSchema(_ schema: Schema, timezone: LocalTimeZone?) -> Schema {
        guard timezone != nil else { return schema }
        return Schema(
            schema.fields.map { field in
                var field = field
                if case .timestamp(let unit, false) = field.type { field.type = .timestamp(unit: unit, utc: true) }
                return field
            })
    }

    private func convert(_ batch: RecordBatch, to schema: Schema) -> RecordBatch {
        guard let timezone = configuration.timezone else { return batch }
        var columns = batch.columns
        for index in columns.indices {
            guard case .timestamp(let unit, false) = columns[index].field.type,
                case .int64(var values) = columns[index].storage
            else { continue }
            timezone.convertToUTC(values: &values, unit: unit)
            columns[index] = Column(
                field: schema.fields[index], storage: .int64(values), validity: columns[index].validity)
        }
        return RecordBatch(schema: schema, columns: columns)
    }

    static func value(_ field: FieldValue) -> Value {
        switch field {
        case .string(let text): .string(text)
        case .int(let number): .int(number)
        case .float(let number): .double(number)
        case .date(let days): .date(days)
        }
    }

    /// The manifest fields for one metadata entry: a local date-time also gives its local date.
    static func values(key: String, entry: HeaderMetadata.Entry, timezone: LocalTimeZone?) -> [(String, Value)] {
        switch entry {
        case .null: return [(key, .null)]
        case .bool(let value): return [(key, .bool(value))]
        case .int(let value): return [(key, .int(value))]
        case .double(let value): return [(key, .double(value))]
        case .date(let days): return [(key, .date(days))]
        case .string(let text): return [(key, .string(text))]
        case .localDateTime(let days, let microsecond):
            let local = Int64(days) * 86_400_000_000 + microsecond
            let stamp: Value =
                timezone.map { .timestamp($0.utcMicroseconds(fromLocal: local), .microseconds, utc: true) }
                ?? .timestamp(local, .microseconds, utc: false)
            return [(key, stamp), (key + "_local_date", .date(days))]
        case .offsetDateTime(let days, let microsecond, let offset):
            // An instant whatever the zone, and the date its clock showed.
            let utc = Int64(days) * 86_400_000_000 + microsecond - Int64(offset) * 1_000_000
            return [(key, .timestamp(utc, .microseconds, utc: true)), (key + "_local_date", .date(days))]
        }
    }

    static func runID(configuration: String, path: String, sha256: String) -> String {
        String(Digest.sha256Hex(Array((configuration + "\n" + path + "\n" + sha256).utf8)).prefix(16))
    }

    /// A reject reason that names the file relative to the source folder.
    static func reason(for error: any Error, sourceRoot: String) -> String {
        var text = String(describing: error)
        text = text.replacingOccurrences(of: "'" + sourceRoot + "/", with: "'")
        return text
    }
}

/// The SHA-256 of the bytes a writer hands to its file, in order.
final class OutputHasher: @unchecked Sendable {
    // Updated by one writer thread at a time (the writer's contract for its observer).
    private var hasher = SHA256()

    func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }
    func digest() -> String { Digest.hex(hasher.finalize()) }
}

extension FileStager {
    /// Whether `error` is about the machine rather than the file: a write or read that the system
    /// refused (a full disk, an I/O error), or a folder that cannot be created.
    static func isEnvironmental(_ error: any Error) -> Bool {
        if let error = error as? ParquetError { return error.kind == .io }
        if let error = error as? CSVError { return error.kind == .io }
        return error is IngestEnvironmentError
    }
}

/// The machine, not the file, stopped a batch.
struct IngestEnvironmentError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A source file that reads but cannot be staged.
struct IngestFileError: Error, CustomStringConvertible {
    var message: String
    var description: String { "The file cannot be staged: \(message)." }
}
