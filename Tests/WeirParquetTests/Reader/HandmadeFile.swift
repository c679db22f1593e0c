import WeirParquet

/// Builds tiny Parquet files byte by byte: one required INT32 column `n` of PLAIN values in one
/// data page, optionally changed before the footer is written.
enum HandmadeFile {
    static func bytes(
        values: [Int32] = [7, -1, 42],
        element: SchemaElement = SchemaElement(type: .int32, repetitionType: .required, name: "n"),
        page: (inout PageHeader) -> Void = { _ in },
        metadata: (inout FileMetaData) -> Void = { _ in }
    ) -> [UInt8] {
        var body: [UInt8] = []
        for value in values { withUnsafeBytes(of: value.littleEndian) { body.append(contentsOf: $0) } }
        var header = PageHeader(
            type: .dataPage, uncompressedPageSize: Int32(body.count), compressedPageSize: Int32(body.count),
            dataPageHeader: DataPageHeader(numValues: Int32(values.count), encoding: .plain))
        page(&header)
        let pageBytes = header.thriftBytes + body
        let chunk = ColumnChunk(
            fileOffset: 4,
            metaData: ColumnMetaData(
                type: element.type ?? .int32, encodings: [.plain], pathInSchema: [element.name], codec: .uncompressed,
                numValues: Int64(values.count), totalUncompressedSize: Int64(pageBytes.count),
                totalCompressedSize: Int64(pageBytes.count), dataPageOffset: 4))
        var footer = FileMetaData(
            schema: [SchemaElement(name: "schema", numChildren: 1), element], numRows: Int64(values.count),
            rowGroups: [
                RowGroup(
                    columns: [chunk], totalByteSize: Int64(pageBytes.count), numRows: Int64(values.count))
            ], createdBy: "weir tests")
        metadata(&footer)
        let encoded = footer.thriftBytes
        var file = ParquetFormat.magic + pageBytes + encoded
        withUnsafeBytes(of: UInt32(encoded.count).littleEndian) { file.append(contentsOf: $0) }
        return file + ParquetFormat.magic
    }
}
