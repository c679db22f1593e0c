/// The logical type annotation of a schema node (the `LogicalType` union of parquet.thrift).
public enum LogicalType: Sendable, Hashable, ThriftDecodable, ThriftEncodable {
    case string
    case map
    case list
    case `enum`
    case decimal(scale: Int32, precision: Int32)
    case date
    case time(isAdjustedToUTC: Bool, unit: ParquetTimeUnit)
    case timestamp(isAdjustedToUTC: Bool, unit: ParquetTimeUnit)
    case integer(bitWidth: Int8, isSigned: Bool)
    /// A column whose values are all null (`UNKNOWN`, the `NullType` member).
    case unknown
    case json
    case bson
    case uuid
    case float16
    case variant(specificationVersion: Int8?)
    case geometry(crs: String?)
    case geography(crs: String?, algorithm: Int32?)
    case vector
    /// A union member this reader does not know, by field id.
    case unrecognized(Int16)

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var result: LogicalType?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            guard field.type == .struct else {
                try reader.skip(field.type)
                continue
            }
            result = try Self.member(field.id, from: &reader)
        }
        self = try ThriftCompactReader.required(result, "a member", of: "LogicalType")
    }

    private static func member(_ id: Int16, from reader: inout ThriftCompactReader) throws(ParquetError) -> LogicalType
    {
        switch id {
        case 5:
            var scale: Int32?
            var precision: Int32?
            try reader.readFields { (reader, field) throws(ParquetError) in
                switch (field.id, field.type) {
                case (1, .i32): scale = try reader.readI32()
                case (2, .i32): precision = try reader.readI32()
                default: try reader.skip(field.type)
                }
            }
            return .decimal(
                scale: try ThriftCompactReader.required(scale, "scale", of: "DecimalType"),
                precision: try ThriftCompactReader.required(precision, "precision", of: "DecimalType")
            )
        case 7, 8:
            var adjusted: Bool?
            var unit: ParquetTimeUnit?
            try reader.readFields { (reader, field) throws(ParquetError) in
                switch (field.id, field.type) {
                case (1, .bool): adjusted = try reader.readBool()
                case (2, .struct): unit = try ParquetTimeUnit(from: &reader)
                default: try reader.skip(field.type)
                }
            }
            let name = id == 7 ? "TimeType" : "TimestampType"
            let isAdjustedToUTC = try ThriftCompactReader.required(adjusted, "isAdjustedToUTC", of: name)
            let timeUnit = try ThriftCompactReader.required(unit, "unit", of: name)
            return id == 7
                ? .time(isAdjustedToUTC: isAdjustedToUTC, unit: timeUnit)
                : .timestamp(isAdjustedToUTC: isAdjustedToUTC, unit: timeUnit)
        case 10:
            var bitWidth: Int8?
            var isSigned: Bool?
            try reader.readFields { (reader, field) throws(ParquetError) in
                switch (field.id, field.type) {
                case (1, .i8): bitWidth = try reader.readI8()
                case (2, .bool): isSigned = try reader.readBool()
                default: try reader.skip(field.type)
                }
            }
            return .integer(
                bitWidth: try ThriftCompactReader.required(bitWidth, "bitWidth", of: "IntType"),
                isSigned: try ThriftCompactReader.required(isSigned, "isSigned", of: "IntType")
            )
        case 16:
            var version: Int8?
            try reader.readFields { (reader, field) throws(ParquetError) in
                if field.id == 1 && field.type == .i8 {
                    version = try reader.readI8()
                } else {
                    try reader.skip(field.type)
                }
            }
            return .variant(specificationVersion: version)
        case 17, 18:
            var crs: String?
            var algorithm: Int32?
            try reader.readFields { (reader, field) throws(ParquetError) in
                switch (field.id, field.type) {
                case (1, .binary): crs = try reader.readString()
                case (2, .i32): algorithm = try reader.readI32()
                default: try reader.skip(field.type)
                }
            }
            return id == 17 ? .geometry(crs: crs) : .geography(crs: crs, algorithm: algorithm)
        default:
            try reader.skip(.struct)
            switch id {
            case 1: return .string
            case 2: return .map
            case 3: return .list
            case 4: return .enum
            case 6: return .date
            case 11: return .unknown
            case 12: return .json
            case 13: return .bson
            case 14: return .uuid
            case 15: return .float16
            case 19: return .vector
            default: return .unrecognized(id)
            }
        }
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        switch self {
        case .string: writer.writeEmptyStruct(field: 1)
        case .map: writer.writeEmptyStruct(field: 2)
        case .list: writer.writeEmptyStruct(field: 3)
        case .enum: writer.writeEmptyStruct(field: 4)
        case .decimal(let scale, let precision):
            writer.fieldHeader(5, .struct)
            writer.beginStruct()
            writer.writeI32(field: 1, scale)
            writer.writeI32(field: 2, precision)
            writer.endStruct()
        case .date: writer.writeEmptyStruct(field: 6)
        case .time(let adjusted, let unit), .timestamp(let adjusted, let unit):
            if case .time = self { writer.fieldHeader(7, .struct) } else { writer.fieldHeader(8, .struct) }
            writer.beginStruct()
            writer.writeBool(field: 1, adjusted)
            writer.fieldHeader(2, .struct)
            unit.encode(to: &writer)
            writer.endStruct()
        case .integer(let bitWidth, let isSigned):
            writer.fieldHeader(10, .struct)
            writer.beginStruct()
            writer.writeI8(field: 1, bitWidth)
            writer.writeBool(field: 2, isSigned)
            writer.endStruct()
        case .unknown: writer.writeEmptyStruct(field: 11)
        case .json: writer.writeEmptyStruct(field: 12)
        case .bson: writer.writeEmptyStruct(field: 13)
        case .uuid: writer.writeEmptyStruct(field: 14)
        case .float16: writer.writeEmptyStruct(field: 15)
        case .variant(let version):
            writer.fieldHeader(16, .struct)
            writer.beginStruct()
            if let version { writer.writeI8(field: 1, version) }
            writer.endStruct()
        case .geometry(let crs):
            writer.fieldHeader(17, .struct)
            writer.beginStruct()
            if let crs { writer.writeString(field: 1, crs) }
            writer.endStruct()
        case .geography(let crs, let algorithm):
            writer.fieldHeader(18, .struct)
            writer.beginStruct()
            if let crs { writer.writeString(field: 1, crs) }
            if let algorithm { writer.writeI32(field: 2, algorithm) }
            writer.endStruct()
        case .vector: writer.writeEmptyStruct(field: 19)
        case .unrecognized(let id): writer.writeEmptyStruct(field: id)
        }
        writer.endStruct()
    }
}

extension ThriftCompactReader {
    /// Reads a struct's fields one by one with `body`, which must consume or skip each field.
    mutating func readFields(
        _ body: (inout ThriftCompactReader, ThriftField) throws(ParquetError) -> Void
    ) throws(ParquetError) {
        try beginStruct()
        while let field = try nextField() {
            try body(&self, field)
        }
    }
}
