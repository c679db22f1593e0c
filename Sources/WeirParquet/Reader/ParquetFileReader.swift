import Dispatch
import WeirColumns

/// Reads the columns of a Parquet file into ``RecordBatch``es, one row group at a time.
///
/// The footer is read and checked when the reader is created; column data is read on demand
/// with positioned reads, so memory stays bounded by the row group being decoded. Every problem
/// in the file is reported as a thrown ``ParquetError``. Nested columns (lists, maps, structs)
/// are read whole, by their top-level name, into nested columns (``ColumnStorage/list(offsets:elements:)``
/// and its kin), assembled from their leaves' repetition and definition levels.
public final class ParquetFileReader: Sendable {
    private let source: ByteSource
    /// The decoded footer.
    public let metadata: FileMetaData
    /// Every leaf column of the file, flat or nested, readable or not.
    public let columns: [ParquetColumnDescriptor]
    /// The top-level fields of the file, flat or nested.
    let topLevel: [TopLevelColumn]
    /// The fields of the readable top-level columns, flat or nested, in file order.
    public let schema: Schema
    /// The top-level columns Weir cannot read, each with the reason.
    public let unreadableColumns: [(name: String, error: ParquetError)]
    /// The file's key-value metadata; a key given twice keeps its last value.
    public let keyValueMetadata: [String: String]
    /// Where the column data ends and the footer starts.
    private let dataEnd: Int
    /// The caller's choices, such as the unit of INT96 timestamps.
    public let options: ParquetReadOptions

    /// Opens the Parquet file at `path` and reads its footer.
    ///
    /// - Throws: `.io` when the file cannot be read, `.corrupt` when it is not a valid Parquet file.
    public convenience init(path: String, options: ParquetReadOptions = ParquetReadOptions()) throws(ParquetError) {
        let source: ByteSource
        do throws(ParquetError) {
            source = try ByteSource(path: path)
            try self.init(source: source, options: options)
        } catch {
            // "'x' is not a Parquet file" already names the file.
            throw error.message.hasPrefix("'\(path)'") ? error : error.at(path: path)
        }
    }

    /// Reads a Parquet file held in memory.
    public convenience init(bytes: [UInt8], options: ParquetReadOptions = ParquetReadOptions()) throws(ParquetError) {
        try self.init(source: ByteSource(bytes: bytes), options: options)
    }

    private init(source: ByteSource, options: ParquetReadOptions) throws(ParquetError) {
        self.source = source
        self.options = options
        let (metadata, dataEnd) = try FooterParser.parse(source)
        self.metadata = metadata
        self.dataEnd = dataEnd
        guard metadata.numRows >= 0 else {
            throw .corrupt("The footer claims \(metadata.numRows) rows.")
        }
        let columns = try ParquetColumnDescriptor.leaves(of: metadata.schema).map {
            $0.readingInt96(as: options.int96Unit)
        }
        for (index, group) in metadata.rowGroups.enumerated() {
            guard group.columns.count == columns.count else {
                throw .corrupt(
                    "Row group \(index) has \(group.columns.count) column chunks where the schema has \(columns.count) "
                        + "columns.")
            }
            guard group.numRows >= 0, group.numRows <= Int64(Int32.max) else {
                throw .corrupt("Row group \(index) claims \(group.numRows) rows.")
            }
        }
        self.columns = columns
        topLevel = TopLevelColumn.columns(of: metadata.schema, leaves: columns)
        schema = Schema(topLevel.compactMap(\.field))
        unreadableColumns = topLevel.compactMap { column in
            if case .failure(let error) = column.mapping { (column.name, error) } else { nil }
        }
        var keyValues: [String: String] = [:]
        for entry in metadata.keyValueMetadata ?? [] { keyValues[entry.key] = entry.value ?? "" }
        keyValueMetadata = keyValues
    }

    /// The number of rows the footer declares.
    public var rowCount: Int { Int(metadata.numRows) }

    public var rowGroupCount: Int { metadata.rowGroups.count }

    /// The file's path, or `nil` for a file read from memory.
    public var path: String? { source.path }

    /// Reads row group `index`.
    ///
    /// - Parameter columns: names of top-level columns to read, in the order wanted; `nil` reads
    ///   every column the reader supports.
    /// - Parameter keepingDictionaryCodes: whether a column whose chunk is all dictionary-encoded and
    ///   has no null keeps its indices and dictionary beside its values (``Column/dictionary``).
    /// - Throws: `.invalidArgument` for an unknown column or row group, `.unsupported` for an
    ///   unsupported feature, `.corrupt`, `.codec` or `.io` when the data cannot be decoded.
    public func readRowGroup(
        _ index: Int, columns names: [String]? = nil, keepingDictionaryCodes: Bool = false
    ) throws(ParquetError) -> RecordBatch {
        let selected = try selectColumns(names)
        return try readRowGroup(index, selected: selected, keepCodes: keepingDictionaryCodes)
    }

    /// About how many bytes row group `index` of the columns `names` (all for `nil`) takes once
    /// read: the columns' uncompressed bytes plus 12 bytes a value for what decoding adds (values
    /// expanded from a dictionary, text offsets, kept dictionary codes). An estimate for deciding
    /// how far to read ahead, not a bound; 0 for a row group that does not exist.
    public func estimatedBytes(ofRowGroup index: Int, columns names: [String]?) -> Int {
        guard metadata.rowGroups.indices.contains(index) else { return 0 }
        return estimatedBytes(of: metadata.rowGroups[index], (try? selectColumns(names)) ?? topLevel)
    }

    /// The largest ``estimatedBytes(ofRowGroup:columns:)`` of the file's row groups.
    public func largestRowGroupBytes(columns names: [String]?) -> Int {
        let selected = (try? selectColumns(names)) ?? topLevel
        return metadata.rowGroups.reduce(0) { max($0, estimatedBytes(of: $1, selected)) }
    }

    /// Sums saturate: a footer's sizes are not trusted to fit.
    private func estimatedBytes(of group: RowGroup, _ selected: [TopLevelColumn]) -> Int {
        func adding(_ total: Int, _ more: Int) -> Int {
            let (sum, overflow) = total.addingReportingOverflow(more)
            return overflow ? .max : sum
        }
        let rows = max(0, Int(clamping: group.numRows))
        let perValue = rows.multipliedReportingOverflow(by: 12)
        var bytes = 0
        for column in selected {
            for leaf in column.leaves where group.columns.indices.contains(leaf.leafIndex) {
                let size = group.columns[leaf.leafIndex].metaData?.totalUncompressedSize ?? 0
                bytes = adding(bytes, Int(clamping: max(0, size)))
                bytes = adding(bytes, perValue.overflow ? .max : perValue.partialValue)
            }
        }
        return bytes
    }

    /// The schema of the batches that reading `names` gives, without reading any data.
    ///
    /// - Throws: the errors ``readRowGroup(_:columns:)`` throws for the same names.
    public func schema(ofColumns names: [String]?) throws(ParquetError) -> Schema {
        Schema(try selectColumns(names).compactMap(\.field))
    }

    /// The descriptors of the columns `names` asks for, in that order.
    func selectColumns(_ names: [String]?) throws(ParquetError) -> [TopLevelColumn] {
        do throws(ParquetError) {
            return try ColumnSelection.select(names, from: topLevel)
        } catch {
            throw path.map { error.at(path: $0) } ?? error
        }
    }

    func readRowGroup(
        _ index: Int, selected: [TopLevelColumn], keepCodes: Bool = false
    ) throws(ParquetError) -> RecordBatch {
        guard metadata.rowGroups.indices.contains(index) else {
            throw ParquetError(
                .invalidArgument,
                "Row group \(index) does not exist; the file has \(rowGroupCount) row groups.", path: path)
        }
        let group = metadata.rowGroups[index]
        let rows = Int(group.numRows)
        let columns = try ConcurrentTasks.run(selected.count) { [self] (position) throws(ParquetError) -> Column in
            let column = selected[position]
            do throws(ParquetError) {
                if let root = column.root {
                    return try readNested(column, root: root, of: group, rows: rows, rowGroup: index)
                }
                return try readColumn(column.leaves[0], of: group, rows: rows, keepCodes: keepCodes)
            } catch {
                var located = error.within("row group \(index), column '\(column.name)'")
                if let path { located = located.at(path: path) }
                throw located
            }
        }
        if columns.isEmpty { return RecordBatch(schema: Schema([]), columns: []) }
        return RecordBatch(columns: columns)
    }

    private func fixedWidth(_ type: ColumnType) -> Int {
        if case .fixedBinary(let width) = type { return width }
        return 0
    }

    private func readColumn(
        _ descriptor: ParquetColumnDescriptor, of group: RowGroup, rows: Int, keepCodes: Bool
    ) throws(ParquetError) -> Column {
        let field = try descriptor.mapping.get()
        if rows == 0 {
            // Nothing to decode, so the chunk's offsets (0 in some writers' empty row groups) do not matter.
            return Column(field: field, storage: .empty(field.type.defaultStorageKind, width: fixedWidth(field.type)))
        }
        let (meta, start, bytes) = try chunkBytes(descriptor, of: group)
        var decoder = ColumnChunkDecoder(
            descriptor: descriptor, field: field, codec: meta.codec, chunk: bytes, rows: rows, fileOffset: start)
        decoder.keepCodes = keepCodes
        return try decoder.decode()
    }

    /// Reads the leaves of a nested column and assembles them.
    private func readNested(
        _ column: TopLevelColumn, root: NestedNode, of group: RowGroup, rows: Int, rowGroup: Int
    ) throws(ParquetError) -> Column {
        if rows == 0 { return .empty(root.field) }
        // The leaves decode in parallel: a struct of many fields is many chunks.
        let leaves = try ConcurrentTasks.run(column.leaves.count) {
            [self] (position) throws(ParquetError) -> LeafData in
            let descriptor = column.leaves[position]
            do throws(ParquetError) {
                let field = try descriptor.mapping.get()
                let (meta, start, bytes) = try chunkBytes(descriptor, of: group)
                guard meta.numValues >= Int64(rows), meta.numValues <= Int64(Int32.max) else {
                    throw ParquetError.corrupt(
                        "The column chunk claims \(meta.numValues) values for the row group's \(rows) rows.")
                }
                let entries = Int(meta.numValues)
                var decoder = ColumnChunkDecoder(
                    descriptor: descriptor, field: field, codec: meta.codec, chunk: bytes, rows: entries,
                    fileOffset: start)
                decoder.levels = LeafLevels(entries: entries, repeatedDefinitions: column.repeatedDefinitions[position])
                let leaf = try decoder.decodeLeaf()
                let leafRows = leaf.levels.rows
                guard leafRows == rows else {
                    throw ParquetError.corrupt(
                        "The column chunk's levels make \(leafRows) rows where the row group has \(rows).")
                }
                return leaf
            } catch {
                throw error.within("leaf '\(descriptor.name)'")
            }
        }
        let assembler = NestedAssembler(leaves: leaves, names: column.leaves.map(\.name))
        return try assembler.column(root, rows: rows)
    }

    /// The bytes of `descriptor`'s column chunk in `group`, after checking its metadata.
    private func chunkBytes(
        _ descriptor: ParquetColumnDescriptor, of group: RowGroup
    ) throws(ParquetError) -> (ColumnMetaData, Int, [UInt8]) {
        let chunk = group.columns[descriptor.leafIndex]
        guard let meta = chunk.metaData else {
            if chunk.isEncrypted {
                throw .unsupported("Column '\(descriptor.name)' is encrypted; Weir does not read encrypted columns.")
            }
            throw .corrupt("The column chunk of '\(descriptor.name)' has no metadata.")
        }
        if let external = chunk.filePath {
            throw .unsupported(
                "Column '\(descriptor.name)' keeps its data in the separate file '\(external)'; Weir reads "
                    + "self-contained files only.")
        }
        guard meta.type == descriptor.element.type else {
            throw .corrupt(
                "The column chunk has the physical type \(meta.type) where the schema says "
                    + "\(descriptor.element.type.map { "\($0)" } ?? "none").")
        }
        guard meta.codec.compressionCodec != nil else {
            throw ParquetError(
                .codec, "Column '\(descriptor.name)' is compressed with \(meta.codec), which Weir does not read.")
        }
        var start = meta.dataPageOffset
        if let dictionary = meta.dictionaryPageOffset, dictionary > 0, dictionary < start { start = dictionary }
        var length = meta.totalCompressedSize
        if WriterQuirks.undercountsDictionaryPages(createdBy: metadata.createdBy) {
            length = min(length + WriterQuirks.dictionaryHeaderAllowance, Int64(dataEnd) - start)
        }
        guard start >= 4, length >= 0, length <= Int64(dataEnd), start <= Int64(dataEnd) - length else {
            throw .corrupt(
                "The column chunk claims \(length) bytes at offset \(start), outside the column data "
                    + "(bytes 4 to \(dataEnd)).")
        }
        let bytes = try source.read(offset: Int(start), length: Int(length))
        return (meta, Int(start), bytes)
    }
}
