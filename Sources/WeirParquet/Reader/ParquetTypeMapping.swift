import WeirColumns

/// How a flat Parquet column maps to a WeirColumns field, through its logical type when it has one
/// and its converted type otherwise.
enum ParquetTypeMapping {
    static func field(for element: SchemaElement) -> Result<Field, ParquetError> {
        let nullable = element.repetitionType != .required
        do throws(ParquetError) {
            return .success(Field(element.name, try type(of: element), nullable: nullable))
        } catch {
            return .failure(error)
        }
    }

    /// The column type of a leaf element.
    static func type(of element: SchemaElement) throws(ParquetError) -> ColumnType {
        guard let physical = element.type else {
            throw .corrupt("The schema element '\(element.name)' has no physical type.")
        }
        switch physical {
        case .boolean: return .boolean
        case .int32: return try int32Type(element)
        case .int64: return try int64Type(element)
        // The reader sets the unit its options ask for (ParquetReadOptions.int96Unit).
        case .int96: return .timestamp(unit: .microseconds, utc: false)
        case .float: return .float32
        case .double: return .float64
        case .byteArray: return try byteArrayType(element)
        case .fixedLenByteArray: return try fixedType(element)
        case .unknown(let number):
            throw unsupported(element, "has the unknown physical type \(number), which Weir does not read")
        }
    }

    private static func int32Type(_ element: SchemaElement) throws(ParquetError) -> ColumnType {
        switch element.logicalType {
        case .integer(let bits, let signed)?:
            guard [8, 16, 32].contains(bits) else {
                throw unsupported(element, "is an INT(\(bits)) stored in INT32, which Weir does not read")
            }
            return .int(bits: Int(bits), signed: signed)
        case .date?: return .date
        case .decimal(let scale, let precision)?: return try decimal(element, precision: precision, scale: scale)
        default: break
        }
        switch element.convertedType {
        case .int8?: return .int8
        case .int16?: return .int16
        case .uint8?: return .uint8
        case .uint16?: return .uint16
        case .uint32?: return .uint32
        case .date?: return .date
        case .decimal?: return try legacyDecimal(element)
        default: return .int32
        }
    }

    private static func int64Type(_ element: SchemaElement) throws(ParquetError) -> ColumnType {
        switch element.logicalType {
        case .integer(let bits, let signed)?:
            return signed || bits != 64 ? .int64 : .uint64
        case .timestamp(let utc, let unit)?:
            guard let unit = unit.timeUnit else {
                throw unsupported(element, "is a timestamp in the unit \(unit), which Weir does not read")
            }
            return .timestamp(unit: unit, utc: utc)
        case .decimal(let scale, let precision)?: return try decimal(element, precision: precision, scale: scale)
        default: break
        }
        switch element.convertedType {
        case .uint64?: return .uint64
        case .timestampMillis?: return .timestamp(unit: .milliseconds, utc: true)
        case .timestampMicros?: return .timestamp(unit: .microseconds, utc: true)
        case .decimal?: return try legacyDecimal(element)
        default: return .int64
        }
    }

    private static func byteArrayType(_ element: SchemaElement) throws(ParquetError) -> ColumnType {
        switch element.logicalType {
        case .string?, .enum?, .json?: return .string
        case .decimal(let scale, let precision)?: return try decimal(element, precision: precision, scale: scale)
        case .some: return .binary
        case nil: break
        }
        switch element.convertedType {
        case .utf8?, .enum?, .json?: return .string
        case .decimal?: return try legacyDecimal(element)
        default: return .binary
        }
    }

    private static func fixedType(_ element: SchemaElement) throws(ParquetError) -> ColumnType {
        guard let length = element.typeLength, length > 0 else {
            throw .corrupt("The FIXED_LEN_BYTE_ARRAY column '\(element.name)' has no positive type_length.")
        }
        let width = Int(length)
        switch element.logicalType {
        case .decimal(let scale, let precision)?:
            guard width <= 16 else {
                throw unsupported(element, "is a decimal of \(width) bytes; Weir reads decimals of up to 16 bytes")
            }
            return try decimal(element, precision: precision, scale: scale)
        case .float16?:
            guard width == 2 else {
                throw .corrupt("The FLOAT16 column '\(element.name)' is \(width) bytes wide, not 2.")
            }
            return .float32
        case .some: return .fixedBinary(width: width)
        case nil: break
        }
        if element.convertedType == .decimal {
            guard width <= 16 else {
                throw unsupported(element, "is a decimal of \(width) bytes; Weir reads decimals of up to 16 bytes")
            }
            return try legacyDecimal(element)
        }
        return .fixedBinary(width: width)
    }

    private static func legacyDecimal(_ element: SchemaElement) throws(ParquetError) -> ColumnType {
        guard let precision = element.precision else {
            throw .corrupt("The DECIMAL column '\(element.name)' has no precision.")
        }
        return try decimal(element, precision: precision, scale: element.scale ?? 0)
    }

    private static func decimal(_ element: SchemaElement, precision: Int32, scale: Int32) throws(ParquetError)
        -> ColumnType
    {
        guard precision >= 1, scale >= 0, scale <= precision else {
            throw .corrupt("The DECIMAL column '\(element.name)' has precision \(precision) and scale \(scale).")
        }
        guard precision <= 38 else {
            throw unsupported(element, "is a DECIMAL of precision \(precision); Weir reads decimals of up to 38 digits")
        }
        return .decimal(precision: Int(precision), scale: Int(scale))
    }

    private static func unsupported(_ element: SchemaElement, _ what: String) -> ParquetError {
        .unsupported("Column '\(element.name)' \(what). Select other columns with --columns.")
    }
}
