/// The header of a version 2 data page: levels come first, uncompressed, then the values.
public struct DataPageHeaderV2: Sendable, Hashable, ThriftDecodable, ThriftEncodable {
    public var numValues: Int32
    public var numNulls: Int32
    public var numRows: Int32
    public var encoding: Encoding
    public var definitionLevelsByteLength: Int32
    public var repetitionLevelsByteLength: Int32
    /// Whether the values section is compressed; absent means compressed.
    public var isCompressed: Bool?
    public var statistics: Statistics?

    public init(
        numValues: Int32,
        numNulls: Int32,
        numRows: Int32,
        encoding: Encoding,
        definitionLevelsByteLength: Int32,
        repetitionLevelsByteLength: Int32,
        isCompressed: Bool? = nil,
        statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.numNulls = numNulls
        self.numRows = numRows
        self.encoding = encoding
        self.definitionLevelsByteLength = definitionLevelsByteLength
        self.repetitionLevelsByteLength = repetitionLevelsByteLength
        self.isCompressed = isCompressed
        self.statistics = statistics
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var numValues: Int32?
        var numNulls: Int32?
        var numRows: Int32?
        var encoding: Encoding?
        var definitionLength: Int32?
        var repetitionLength: Int32?
        var isCompressed: Bool?
        var statistics: Statistics?
        try reader.readFields { (reader, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): numNulls = try reader.readI32()
            case (3, .i32): numRows = try reader.readI32()
            case (4, .i32): encoding = Encoding(rawValue: try reader.readI32())
            case (5, .i32): definitionLength = try reader.readI32()
            case (6, .i32): repetitionLength = try reader.readI32()
            case (7, .bool): isCompressed = try reader.readBool()
            case (8, .struct): statistics = try Statistics(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        let name = "DataPageHeaderV2"
        self.init(
            numValues: try ThriftCompactReader.required(numValues, "num_values", of: name),
            numNulls: try ThriftCompactReader.required(numNulls, "num_nulls", of: name),
            numRows: try ThriftCompactReader.required(numRows, "num_rows", of: name),
            encoding: try ThriftCompactReader.required(encoding, "encoding", of: name),
            definitionLevelsByteLength: try ThriftCompactReader.required(
                definitionLength, "definition_levels_byte_length", of: name),
            repetitionLevelsByteLength: try ThriftCompactReader.required(
                repetitionLength, "repetition_levels_byte_length", of: name),
            isCompressed: isCompressed,
            statistics: statistics
        )
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeI32(field: 1, numValues)
        writer.writeI32(field: 2, numNulls)
        writer.writeI32(field: 3, numRows)
        writer.writeI32(field: 4, encoding.rawValue)
        writer.writeI32(field: 5, definitionLevelsByteLength)
        writer.writeI32(field: 6, repetitionLevelsByteLength)
        if let isCompressed { writer.writeBool(field: 7, isCompressed) }
        if let statistics { writer.writeStruct(field: 8, statistics) }
        writer.endStruct()
    }
}
