import WeirParquet

/// Builds tiny Parquet files with one nested INT32 leaf byte by byte: the schema elements, the
/// level entries and the present values are given, so that legacy layouts (two-level lists,
/// unannotated repeated fields) and corrupt levels can be written as no peer writes them.
enum HandmadeNestedFile {
    /// One level entry: repetition and definition levels, and the value when the entry is defined
    /// to the leaf.
    struct Entry {
        var repetition: Int
        var definition: Int
        var value: Int32?

        init(_ repetition: Int, _ definition: Int, _ value: Int32? = nil) {
            self.repetition = repetition
            self.definition = definition
            self.value = value
        }
    }

    /// - Parameters:
    ///   - schema: the elements below the root, depth first; the one leaf is INT32.
    ///   - maxRepetition/maxDefinition: the leaf's maximum levels, which set the levels' bit widths.
    ///   - rows: the row count written to the footer.
    static func bytes(
        schema: [SchemaElement], maxRepetition: Int, maxDefinition: Int, entries: [Entry], rows: Int
    ) -> [UInt8] {
        var body: [UInt8] = []
        if maxRepetition > 0 { body += levels(entries.map(\.repetition)) }
        if maxDefinition > 0 { body += levels(entries.map(\.definition)) }
        for value in entries.compactMap(\.value) {
            withUnsafeBytes(of: value.littleEndian) { body.append(contentsOf: $0) }
        }
        let header = PageHeader(
            type: .dataPage, uncompressedPageSize: Int32(body.count), compressedPageSize: Int32(body.count),
            dataPageHeader: DataPageHeader(numValues: Int32(entries.count), encoding: .plain))
        let pageBytes = header.thriftBytes + body
        let leafPath = schema.map(\.name)
        let chunk = ColumnChunk(
            fileOffset: 4,
            metaData: ColumnMetaData(
                type: .int32, encodings: [.plain, .rle], pathInSchema: leafPath, codec: .uncompressed,
                numValues: Int64(entries.count), totalUncompressedSize: Int64(pageBytes.count),
                totalCompressedSize: Int64(pageBytes.count), dataPageOffset: 4))
        let footer = FileMetaData(
            schema: [SchemaElement(name: "schema", numChildren: 1)] + schema, numRows: Int64(rows),
            rowGroups: [RowGroup(columns: [chunk], totalByteSize: Int64(pageBytes.count), numRows: Int64(rows))],
            createdBy: "weir tests")
        let encoded = footer.thriftBytes
        var file = ParquetFormat.magic + pageBytes + encoded
        withUnsafeBytes(of: UInt32(encoded.count).littleEndian) { file.append(contentsOf: $0) }
        return file + ParquetFormat.magic
    }

    /// Levels as the RLE/bit-packed hybrid with a 4-byte length: one repeated run per level, of
    /// one byte (levels here stay below 256).
    private static func levels(_ values: [Int]) -> [UInt8] {
        var runs: [UInt8] = []
        for value in values { runs += [2, UInt8(value)] }
        var output: [UInt8] = []
        withUnsafeBytes(of: UInt32(runs.count).littleEndian) { output.append(contentsOf: $0) }
        return output + runs
    }
}
