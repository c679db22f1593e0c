/// Statistics of a column chunk or page; every field is optional.
///
/// Values are PLAIN-encoded without the length prefix of byte arrays. `minValue`/`maxValue` follow
/// the column's sort order; the deprecated `min`/`max` use signed comparison.
public struct Statistics: Sendable, Hashable, ThriftDecodable, ThriftEncodable {
    public var max: [UInt8]?
    public var min: [UInt8]?
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var maxValue: [UInt8]?
    public var minValue: [UInt8]?
    public var isMaxValueExact: Bool?
    public var isMinValueExact: Bool?
    public var nanCount: Int64?

    public init(
        max: [UInt8]? = nil,
        min: [UInt8]? = nil,
        nullCount: Int64? = nil,
        distinctCount: Int64? = nil,
        maxValue: [UInt8]? = nil,
        minValue: [UInt8]? = nil,
        isMaxValueExact: Bool? = nil,
        isMinValueExact: Bool? = nil,
        nanCount: Int64? = nil
    ) {
        self.max = max
        self.min = min
        self.nullCount = nullCount
        self.distinctCount = distinctCount
        self.maxValue = maxValue
        self.minValue = minValue
        self.isMaxValueExact = isMaxValueExact
        self.isMinValueExact = isMinValueExact
        self.nanCount = nanCount
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self.init()
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .binary): max = try reader.readBinary()
            case (2, .binary): min = try reader.readBinary()
            case (3, .i64): nullCount = try reader.readI64()
            case (4, .i64): distinctCount = try reader.readI64()
            case (5, .binary): maxValue = try reader.readBinary()
            case (6, .binary): minValue = try reader.readBinary()
            case (7, .bool): isMaxValueExact = try reader.readBool()
            case (8, .bool): isMinValueExact = try reader.readBool()
            case (9, .i64): nanCount = try reader.readI64()
            default: try reader.skip(field.type)
            }
        }
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        if let max { writer.writeBinary(field: 1, max) }
        if let min { writer.writeBinary(field: 2, min) }
        if let nullCount { writer.writeI64(field: 3, nullCount) }
        if let distinctCount { writer.writeI64(field: 4, distinctCount) }
        if let maxValue { writer.writeBinary(field: 5, maxValue) }
        if let minValue { writer.writeBinary(field: 6, minValue) }
        if let isMaxValueExact { writer.writeBool(field: 7, isMaxValueExact) }
        if let isMinValueExact { writer.writeBool(field: 8, isMinValueExact) }
        if let nanCount { writer.writeI64(field: 9, nanCount) }
        writer.endStruct()
    }
}
