/// The header of a version 1 data page, whose levels are compressed together with the values.
public struct DataPageHeader: Sendable, Hashable, ThriftDecodable, ThriftEncodable {
    /// Values including nulls.
    public var numValues: Int32
    public var encoding: Encoding
    public var definitionLevelEncoding: Encoding
    public var repetitionLevelEncoding: Encoding
    public var statistics: Statistics?

    public init(
        numValues: Int32,
        encoding: Encoding,
        definitionLevelEncoding: Encoding = .rle,
        repetitionLevelEncoding: Encoding = .rle,
        statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.encoding = encoding
        self.definitionLevelEncoding = definitionLevelEncoding
        self.repetitionLevelEncoding = repetitionLevelEncoding
        self.statistics = statistics
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var numValues: Int32?
        var encoding: Encoding?
        var definition: Encoding?
        var repetition: Encoding?
        var statistics: Statistics?
        try reader.readFields { (reader, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (3, .i32): definition = Encoding(rawValue: try reader.readI32())
            case (4, .i32): repetition = Encoding(rawValue: try reader.readI32())
            case (5, .struct): statistics = try Statistics(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        let name = "DataPageHeader"
        self.init(
            numValues: try ThriftCompactReader.required(numValues, "num_values", of: name),
            encoding: try ThriftCompactReader.required(encoding, "encoding", of: name),
            definitionLevelEncoding: try ThriftCompactReader.required(
                definition, "definition_level_encoding", of: name),
            repetitionLevelEncoding: try ThriftCompactReader.required(
                repetition, "repetition_level_encoding", of: name),
            statistics: statistics
        )
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32(field: 1, numValues)
        writer.writeI32(field: 2, encoding.rawValue)
        writer.writeI32(field: 3, definitionLevelEncoding.rawValue)
        writer.writeI32(field: 4, repetitionLevelEncoding.rawValue)
        if let statistics { writer.writeStruct(field: 5, statistics) }
        writer.endStruct()
    }
}
