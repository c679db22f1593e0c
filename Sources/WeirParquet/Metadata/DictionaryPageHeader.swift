/// The header of the dictionary page that may open a column chunk.
public struct DictionaryPageHeader: Sendable, Hashable, ThriftDecodable, ThriftEncodable {
    public var numValues: Int32
    public var encoding: Encoding
    public var isSorted: Bool?

    public init(numValues: Int32, encoding: Encoding = .plain, isSorted: Bool? = nil) {
        self.numValues = numValues
        self.encoding = encoding
        self.isSorted = isSorted
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var numValues: Int32?
        var encoding: Encoding?
        var isSorted: Bool?
        try reader.readFields { (reader, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (3, .bool): isSorted = try reader.readBool()
            default: try reader.skip(field.type)
            }
        }
        self.init(
            numValues: try ThriftCompactReader.required(numValues, "num_values", of: "DictionaryPageHeader"),
            encoding: try ThriftCompactReader.required(encoding, "encoding", of: "DictionaryPageHeader"),
            isSorted: isSorted
        )
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32(field: 1, numValues)
        writer.writeI32(field: 2, encoding.rawValue)
        if let isSorted { writer.writeBool(field: 3, isSorted) }
        writer.endStruct()
    }
}
