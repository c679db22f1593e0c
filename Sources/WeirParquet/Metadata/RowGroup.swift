/// A horizontal slice of the file: one column chunk per leaf column.
public struct RowGroup: Sendable, Hashable, ThriftDecodable, ThriftEncodable {
    /// In the order of the schema's leaves.
    public var columns: [ColumnChunk]
    public var totalByteSize: Int64
    public var numRows: Int64
    public var sortingColumns: [SortingColumn]?
    public var fileOffset: Int64?
    public var totalCompressedSize: Int64?
    public var ordinal: Int16?

    public init(
        columns: [ColumnChunk],
        totalByteSize: Int64,
        numRows: Int64,
        sortingColumns: [SortingColumn]? = nil,
        fileOffset: Int64? = nil,
        totalCompressedSize: Int64? = nil,
        ordinal: Int16? = nil
    ) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
        self.sortingColumns = sortingColumns
        self.fileOffset = fileOffset
        self.totalCompressedSize = totalCompressedSize
        self.ordinal = ordinal
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var columns: [ColumnChunk]?
        var totalByteSize: Int64?
        var numRows: Int64?
        var sortingColumns: [SortingColumn]?
        var fileOffset: Int64?
        var totalCompressedSize: Int64?
        var ordinal: Int16?
        try reader.readFields { (reader, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .list): columns = try reader.readStructList(ColumnChunk.self)
            case (2, .i64): totalByteSize = try reader.readI64()
            case (3, .i64): numRows = try reader.readI64()
            case (4, .list): sortingColumns = try reader.readStructList(SortingColumn.self)
            case (5, .i64): fileOffset = try reader.readI64()
            case (6, .i64): totalCompressedSize = try reader.readI64()
            case (7, .i16): ordinal = try reader.readI16()
            default: try reader.skip(field.type)
            }
        }
        self.init(
            columns: try ThriftCompactReader.required(columns, "columns", of: "RowGroup"),
            totalByteSize: try ThriftCompactReader.required(totalByteSize, "total_byte_size", of: "RowGroup"),
            numRows: try ThriftCompactReader.required(numRows, "num_rows", of: "RowGroup"),
            sortingColumns: sortingColumns,
            fileOffset: fileOffset,
            totalCompressedSize: totalCompressedSize,
            ordinal: ordinal
        )
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeStructList(field: 1, columns)
        writer.writeI64(field: 2, totalByteSize)
        writer.writeI64(field: 3, numRows)
        if let sortingColumns { writer.writeStructList(field: 4, sortingColumns) }
        if let fileOffset { writer.writeI64(field: 5, fileOffset) }
        if let totalCompressedSize { writer.writeI64(field: 6, totalCompressedSize) }
        if let ordinal { writer.writeI16(field: 7, ordinal) }
        writer.endStruct()
    }
}
