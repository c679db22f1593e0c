/// What the footer says about one column chunk: its type, codec, sizes, offsets and statistics.
public struct ColumnMetaData: Sendable, Hashable, ThriftDecodable, ThriftEncodable {
    public var type: PhysicalType
    public var encodings: [Encoding]
    public var pathInSchema: [String]
    public var codec: ParquetCompressionCodec
    /// Values including nulls (and, for nested columns, empty lists).
    public var numValues: Int64
    public var totalUncompressedSize: Int64
    public var totalCompressedSize: Int64
    public var keyValueMetadata: [KeyValue]?
    public var dataPageOffset: Int64
    public var indexPageOffset: Int64?
    public var dictionaryPageOffset: Int64?
    public var statistics: Statistics?
    public var encodingStats: [PageEncodingStats]?
    public var bloomFilterOffset: Int64?
    public var bloomFilterLength: Int32?

    public init(
        type: PhysicalType,
        encodings: [Encoding],
        pathInSchema: [String],
        codec: ParquetCompressionCodec,
        numValues: Int64,
        totalUncompressedSize: Int64,
        totalCompressedSize: Int64,
        keyValueMetadata: [KeyValue]? = nil,
        dataPageOffset: Int64,
        indexPageOffset: Int64? = nil,
        dictionaryPageOffset: Int64? = nil,
        statistics: Statistics? = nil,
        encodingStats: [PageEncodingStats]? = nil,
        bloomFilterOffset: Int64? = nil,
        bloomFilterLength: Int32? = nil
    ) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.keyValueMetadata = keyValueMetadata
        self.dataPageOffset = dataPageOffset
        self.indexPageOffset = indexPageOffset
        self.dictionaryPageOffset = dictionaryPageOffset
        self.statistics = statistics
        self.encodingStats = encodingStats
        self.bloomFilterOffset = bloomFilterOffset
        self.bloomFilterLength = bloomFilterLength
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var type: PhysicalType?
        var encodings: [Encoding]?
        var path: [String]?
        var codec: ParquetCompressionCodec?
        var numValues: Int64?
        var uncompressed: Int64?
        var compressed: Int64?
        var dataPageOffset: Int64?
        var keyValueMetadata: [KeyValue]?
        var indexPageOffset: Int64?
        var dictionaryPageOffset: Int64?
        var statistics: Statistics?
        var encodingStats: [PageEncodingStats]?
        var bloomFilterOffset: Int64?
        var bloomFilterLength: Int32?
        try reader.readFields { (reader, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): type = PhysicalType(rawValue: try reader.readI32())
            case (2, .list): encodings = try reader.readEnumList(Encoding.init(rawValue:))
            case (3, .list): path = try reader.readStringList()
            case (4, .i32): codec = ParquetCompressionCodec(rawValue: try reader.readI32())
            case (5, .i64): numValues = try reader.readI64()
            case (6, .i64): uncompressed = try reader.readI64()
            case (7, .i64): compressed = try reader.readI64()
            case (8, .list): keyValueMetadata = try reader.readStructList(KeyValue.self)
            case (9, .i64): dataPageOffset = try reader.readI64()
            case (10, .i64): indexPageOffset = try reader.readI64()
            case (11, .i64): dictionaryPageOffset = try reader.readI64()
            case (12, .struct): statistics = try Statistics(from: &reader)
            case (13, .list): encodingStats = try reader.readStructList(PageEncodingStats.self)
            case (14, .i64): bloomFilterOffset = try reader.readI64()
            case (15, .i32): bloomFilterLength = try reader.readI32()
            default: try reader.skip(field.type)
            }
        }
        let name = "ColumnMetaData"
        self.init(
            type: try ThriftCompactReader.required(type, "type", of: name),
            encodings: try ThriftCompactReader.required(encodings, "encodings", of: name),
            pathInSchema: try ThriftCompactReader.required(path, "path_in_schema", of: name),
            codec: try ThriftCompactReader.required(codec, "codec", of: name),
            numValues: try ThriftCompactReader.required(numValues, "num_values", of: name),
            totalUncompressedSize: try ThriftCompactReader.required(uncompressed, "total_uncompressed_size", of: name),
            totalCompressedSize: try ThriftCompactReader.required(compressed, "total_compressed_size", of: name),
            keyValueMetadata: keyValueMetadata,
            dataPageOffset: try ThriftCompactReader.required(dataPageOffset, "data_page_offset", of: name),
            indexPageOffset: indexPageOffset,
            dictionaryPageOffset: dictionaryPageOffset,
            statistics: statistics,
            encodingStats: encodingStats,
            bloomFilterOffset: bloomFilterOffset,
            bloomFilterLength: bloomFilterLength
        )
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32(field: 1, type.rawValue)
        writer.writeList(field: 2, of: .i32, encodings) { writer, encoding in writer.writeI32(encoding.rawValue) }
        writer.writeList(field: 3, of: .binary, pathInSchema) { writer, name in writer.writeString(name) }
        writer.writeI32(field: 4, codec.rawValue)
        writer.writeI64(field: 5, numValues)
        writer.writeI64(field: 6, totalUncompressedSize)
        writer.writeI64(field: 7, totalCompressedSize)
        if let keyValueMetadata { writer.writeStructList(field: 8, keyValueMetadata) }
        writer.writeI64(field: 9, dataPageOffset)
        if let indexPageOffset { writer.writeI64(field: 10, indexPageOffset) }
        if let dictionaryPageOffset { writer.writeI64(field: 11, dictionaryPageOffset) }
        if let statistics { writer.writeStruct(field: 12, statistics) }
        if let encodingStats { writer.writeStructList(field: 13, encodingStats) }
        if let bloomFilterOffset { writer.writeI64(field: 14, bloomFilterOffset) }
        if let bloomFilterLength { writer.writeI32(field: 15, bloomFilterLength) }
        writer.endStruct()
    }
}
