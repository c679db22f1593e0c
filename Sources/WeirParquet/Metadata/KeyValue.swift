/// One entry of key-value metadata.
public struct KeyValue: Sendable, Hashable, ThriftDecodable, ThriftEncodable {
    public var key: String
    public var value: String?

    public init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var key: String?
        var value: String?
        try reader.readFields { (reader, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .binary): key = try reader.readString()
            case (2, .binary): value = try reader.readString()
            default: try reader.skip(field.type)
            }
        }
        self.init(key: try ThriftCompactReader.required(key, "key", of: "KeyValue"), value: value)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeString(field: 1, key)
        if let value { writer.writeString(field: 2, value) }
        writer.endStruct()
    }
}
