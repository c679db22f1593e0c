/// The sort order that a column's statistics follow (the `ColumnOrder` union of parquet.thrift).
public enum ColumnOrder: Sendable, Hashable, ThriftDecodable, ThriftEncodable {
    /// The order of the column's logical type, or of its physical type when it has none.
    case typeDefinedOrder
    case ieee754TotalOrder
    case int96TimestampOrder
    /// An order this reader does not know; statistics under it must be ignored.
    case unrecognized(Int16)

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var order: ColumnOrder?
        try reader.readFields { (reader, field) throws(ParquetError) in
            switch field.id {
            case 1: order = .typeDefinedOrder
            case 2: order = .ieee754TotalOrder
            case 3: order = .int96TimestampOrder
            default: order = .unrecognized(field.id)
            }
            try reader.skip(field.type)
        }
        self = try ThriftCompactReader.required(order, "a member", of: "ColumnOrder")
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        switch self {
        case .typeDefinedOrder: writer.writeEmptyStruct(field: 1)
        case .ieee754TotalOrder: writer.writeEmptyStruct(field: 2)
        case .int96TimestampOrder: writer.writeEmptyStruct(field: 3)
        case .unrecognized(let id): writer.writeEmptyStruct(field: id)
        }
        writer.endStruct()
    }
}
