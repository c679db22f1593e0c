/// One node of the flattened schema tree: a group when `numChildren` is set, a leaf column otherwise.
public struct SchemaElement: Sendable, Hashable, ThriftDecodable, ThriftEncodable {
    /// The physical type of a leaf; `nil` for a group.
    public var type: PhysicalType?
    /// The width of a FIXED_LEN_BYTE_ARRAY leaf in bytes.
    public var typeLength: Int32?
    /// `nil` only for the root.
    public var repetitionType: FieldRepetitionType?
    public var name: String
    public var numChildren: Int32?
    public var convertedType: ConvertedType?
    public var scale: Int32?
    public var precision: Int32?
    public var fieldID: Int32?
    public var logicalType: LogicalType?

    public init(
        type: PhysicalType? = nil,
        typeLength: Int32? = nil,
        repetitionType: FieldRepetitionType? = nil,
        name: String,
        numChildren: Int32? = nil,
        convertedType: ConvertedType? = nil,
        scale: Int32? = nil,
        precision: Int32? = nil,
        fieldID: Int32? = nil,
        logicalType: LogicalType? = nil
    ) {
        self.type = type
        self.typeLength = typeLength
        self.repetitionType = repetitionType
        self.name = name
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.fieldID = fieldID
        self.logicalType = logicalType
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var name: String?
        self.init(name: "")
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): type = PhysicalType(rawValue: try reader.readI32())
            case (2, .i32): typeLength = try reader.readI32()
            case (3, .i32): repetitionType = FieldRepetitionType(rawValue: try reader.readI32())
            case (4, .binary): name = try reader.readString()
            case (5, .i32): numChildren = try reader.readI32()
            case (6, .i32): convertedType = ConvertedType(rawValue: try reader.readI32())
            case (7, .i32): scale = try reader.readI32()
            case (8, .i32): precision = try reader.readI32()
            case (9, .i32): fieldID = try reader.readI32()
            case (10, .struct): logicalType = try LogicalType(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        self.name = try ThriftCompactReader.required(name, "name", of: "SchemaElement")
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        if let type { writer.writeI32(field: 1, type.rawValue) }
        if let typeLength { writer.writeI32(field: 2, typeLength) }
        if let repetitionType { writer.writeI32(field: 3, repetitionType.rawValue) }
        writer.writeString(field: 4, name)
        if let numChildren { writer.writeI32(field: 5, numChildren) }
        if let convertedType { writer.writeI32(field: 6, convertedType.rawValue) }
        if let scale { writer.writeI32(field: 7, scale) }
        if let precision { writer.writeI32(field: 8, precision) }
        if let fieldID { writer.writeI32(field: 9, fieldID) }
        if let logicalType { writer.writeStruct(field: 10, logicalType) }
        writer.endStruct()
    }
}
