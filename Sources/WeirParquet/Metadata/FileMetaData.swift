/// The footer of a Parquet file: schema, row groups and file-wide metadata.
public struct FileMetaData: Sendable, Hashable, ThriftDecodable, ThriftEncodable {
    public var version: Int32
    /// The schema tree flattened depth-first; the first element is the root.
    public var schema: [SchemaElement]
    public var numRows: Int64
    public var rowGroups: [RowGroup]
    public var keyValueMetadata: [KeyValue]?
    public var createdBy: String?
    /// One order per leaf column, in schema order.
    public var columnOrders: [ColumnOrder]?
    /// Whether the footer names an encryption algorithm (a plaintext footer of an encrypted file).
    public var isEncrypted: Bool

    public init(
        version: Int32 = 1,
        schema: [SchemaElement],
        numRows: Int64,
        rowGroups: [RowGroup],
        keyValueMetadata: [KeyValue]? = nil,
        createdBy: String? = nil,
        columnOrders: [ColumnOrder]? = nil,
        isEncrypted: Bool = false
    ) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.columnOrders = columnOrders
        self.isEncrypted = isEncrypted
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var version: Int32?
        var schema: [SchemaElement]?
        var numRows: Int64?
        var rowGroups: [RowGroup]?
        var keyValueMetadata: [KeyValue]?
        var createdBy: String?
        var columnOrders: [ColumnOrder]?
        var isEncrypted = false
        try reader.readFields { (reader, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): version = try reader.readI32()
            case (2, .list): schema = try reader.readStructList(SchemaElement.self)
            case (3, .i64): numRows = try reader.readI64()
            case (4, .list): rowGroups = try reader.readStructList(RowGroup.self)
            case (5, .list): keyValueMetadata = try reader.readStructList(KeyValue.self)
            case (6, .binary): createdBy = try reader.readString()
            case (7, .list): columnOrders = try reader.readStructList(ColumnOrder.self)
            case (8, _):
                isEncrypted = true
                try reader.skip(field.type)
            default: try reader.skip(field.type)
            }
        }
        self.init(
            version: try ThriftCompactReader.required(version, "version", of: "FileMetaData"),
            schema: try ThriftCompactReader.required(schema, "schema", of: "FileMetaData"),
            numRows: try ThriftCompactReader.required(numRows, "num_rows", of: "FileMetaData"),
            rowGroups: try ThriftCompactReader.required(rowGroups, "row_groups", of: "FileMetaData"),
            keyValueMetadata: keyValueMetadata,
            createdBy: createdBy,
            columnOrders: columnOrders,
            isEncrypted: isEncrypted
        )
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32(field: 1, version)
        writer.writeStructList(field: 2, schema)
        writer.writeI64(field: 3, numRows)
        writer.writeStructList(field: 4, rowGroups)
        if let keyValueMetadata { writer.writeStructList(field: 5, keyValueMetadata) }
        if let createdBy { writer.writeString(field: 6, createdBy) }
        if let columnOrders { writer.writeStructList(field: 7, columnOrders) }
        writer.endStruct()
    }
}
