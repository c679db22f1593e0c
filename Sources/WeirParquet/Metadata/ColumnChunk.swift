/// One column of one row group: where its pages are and what they hold.
public struct ColumnChunk: Sendable, Hashable, ThriftDecodable, ThriftEncodable {
    /// Set only in summary files whose data lives in other files.
    public var filePath: String?
    public var fileOffset: Int64
    /// Missing only in encrypted files.
    public var metaData: ColumnMetaData?
    public var offsetIndexOffset: Int64?
    public var offsetIndexLength: Int32?
    public var columnIndexOffset: Int64?
    public var columnIndexLength: Int32?
    /// Whether the chunk carries crypto metadata (its column is encrypted).
    public var isEncrypted: Bool

    public init(
        filePath: String? = nil,
        fileOffset: Int64 = 0,
        metaData: ColumnMetaData?,
        offsetIndexOffset: Int64? = nil,
        offsetIndexLength: Int32? = nil,
        columnIndexOffset: Int64? = nil,
        columnIndexLength: Int32? = nil,
        isEncrypted: Bool = false
    ) {
        self.filePath = filePath
        self.fileOffset = fileOffset
        self.metaData = metaData
        self.offsetIndexOffset = offsetIndexOffset
        self.offsetIndexLength = offsetIndexLength
        self.columnIndexOffset = columnIndexOffset
        self.columnIndexLength = columnIndexLength
        self.isEncrypted = isEncrypted
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self.init(metaData: nil)
        var fileOffset: Int64?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .binary): filePath = try reader.readString()
            case (2, .i64): fileOffset = try reader.readI64()
            case (3, .struct): metaData = try ColumnMetaData(from: &reader)
            case (4, .i64): offsetIndexOffset = try reader.readI64()
            case (5, .i32): offsetIndexLength = try reader.readI32()
            case (6, .i64): columnIndexOffset = try reader.readI64()
            case (7, .i32): columnIndexLength = try reader.readI32()
            case (8, _), (9, _):
                isEncrypted = true
                try reader.skip(field.type)
            default: try reader.skip(field.type)
            }
        }
        // Writers that leave the deprecated offset out still produce readable files.
        self.fileOffset = fileOffset ?? 0
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        if let filePath { writer.writeString(field: 1, filePath) }
        writer.writeI64(field: 2, fileOffset)
        if let metaData { writer.writeStruct(field: 3, metaData) }
        if let offsetIndexOffset { writer.writeI64(field: 4, offsetIndexOffset) }
        if let offsetIndexLength { writer.writeI32(field: 5, offsetIndexLength) }
        if let columnIndexOffset { writer.writeI64(field: 6, columnIndexOffset) }
        if let columnIndexLength { writer.writeI32(field: 7, columnIndexLength) }
        writer.endStruct()
    }
}
