/// How many pages of a column chunk have a given page type and encoding.
public struct PageEncodingStats: Sendable, Hashable, ThriftDecodable, ThriftEncodable {
    public var pageType: PageType
    public var encoding: Encoding
    public var count: Int32

    public init(pageType: PageType, encoding: Encoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var pageType: PageType?
        var encoding: Encoding?
        var count: Int32?
        try reader.readFields { (reader, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): pageType = PageType(rawValue: try reader.readI32())
            case (2, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (3, .i32): count = try reader.readI32()
            default: try reader.skip(field.type)
            }
        }
        self.init(
            pageType: try ThriftCompactReader.required(pageType, "page_type", of: "PageEncodingStats"),
            encoding: try ThriftCompactReader.required(encoding, "encoding", of: "PageEncodingStats"),
            count: try ThriftCompactReader.required(count, "count", of: "PageEncodingStats")
        )
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32(field: 1, pageType.rawValue)
        writer.writeI32(field: 2, encoding.rawValue)
        writer.writeI32(field: 3, count)
        writer.endStruct()
    }
}
