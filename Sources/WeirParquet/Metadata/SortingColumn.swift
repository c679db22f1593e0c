/// A column by which the rows of a row group are sorted.
public struct SortingColumn: Sendable, Hashable, ThriftDecodable, ThriftEncodable {
    public var columnIdx: Int32
    public var descending: Bool
    public var nullsFirst: Bool

    public init(columnIdx: Int32, descending: Bool, nullsFirst: Bool) {
        self.columnIdx = columnIdx
        self.descending = descending
        self.nullsFirst = nullsFirst
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var columnIdx: Int32?
        var descending: Bool?
        var nullsFirst: Bool?
        try reader.readFields { (reader, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): columnIdx = try reader.readI32()
            case (2, .bool): descending = try reader.readBool()
            case (3, .bool): nullsFirst = try reader.readBool()
            default: try reader.skip(field.type)
            }
        }
        self.init(
            columnIdx: try ThriftCompactReader.required(columnIdx, "column_idx", of: "SortingColumn"),
            descending: try ThriftCompactReader.required(descending, "descending", of: "SortingColumn"),
            nullsFirst: try ThriftCompactReader.required(nullsFirst, "nulls_first", of: "SortingColumn")
        )
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32(field: 1, columnIdx)
        writer.writeBool(field: 2, descending)
        writer.writeBool(field: 3, nullsFirst)
        writer.endStruct()
    }
}
