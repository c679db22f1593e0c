/// The header before every page: its type, sizes and the type-specific header.
public struct PageHeader: Sendable, Hashable, ThriftDecodable, ThriftEncodable {
    public var type: PageType
    /// Size of the page after this header once decompressed.
    public var uncompressedPageSize: Int32
    /// Size of the page after this header as stored.
    public var compressedPageSize: Int32
    public var crc: Int32?
    public var dataPageHeader: DataPageHeader?
    public var dictionaryPageHeader: DictionaryPageHeader?
    public var dataPageHeaderV2: DataPageHeaderV2?

    public init(
        type: PageType,
        uncompressedPageSize: Int32,
        compressedPageSize: Int32,
        crc: Int32? = nil,
        dataPageHeader: DataPageHeader? = nil,
        dictionaryPageHeader: DictionaryPageHeader? = nil,
        dataPageHeaderV2: DataPageHeaderV2? = nil
    ) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.crc = crc
        self.dataPageHeader = dataPageHeader
        self.dictionaryPageHeader = dictionaryPageHeader
        self.dataPageHeaderV2 = dataPageHeaderV2
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var type: PageType?
        var uncompressed: Int32?
        var compressed: Int32?
        var crc: Int32?
        var dataPageHeader: DataPageHeader?
        var dictionaryPageHeader: DictionaryPageHeader?
        var dataPageHeaderV2: DataPageHeaderV2?
        try reader.readFields { (reader, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): type = PageType(rawValue: try reader.readI32())
            case (2, .i32): uncompressed = try reader.readI32()
            case (3, .i32): compressed = try reader.readI32()
            case (4, .i32): crc = try reader.readI32()
            case (5, .struct): dataPageHeader = try DataPageHeader(from: &reader)
            case (7, .struct): dictionaryPageHeader = try DictionaryPageHeader(from: &reader)
            case (8, .struct): dataPageHeaderV2 = try DataPageHeaderV2(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        self.init(
            type: try ThriftCompactReader.required(type, "type", of: "PageHeader"),
            uncompressedPageSize: try ThriftCompactReader.required(
                uncompressed, "uncompressed_page_size", of: "PageHeader"),
            compressedPageSize: try ThriftCompactReader.required(compressed, "compressed_page_size", of: "PageHeader"),
            crc: crc,
            dataPageHeader: dataPageHeader,
            dictionaryPageHeader: dictionaryPageHeader,
            dataPageHeaderV2: dataPageHeaderV2
        )
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32(field: 1, type.rawValue)
        writer.writeI32(field: 2, uncompressedPageSize)
        writer.writeI32(field: 3, compressedPageSize)
        if let crc { writer.writeI32(field: 4, crc) }
        if let dataPageHeader { writer.writeStruct(field: 5, dataPageHeader) }
        if let dictionaryPageHeader { writer.writeStruct(field: 7, dictionaryPageHeader) }
        if let dataPageHeaderV2 { writer.writeStruct(field: 8, dataPageHeaderV2) }
        writer.endStruct()
    }
}
