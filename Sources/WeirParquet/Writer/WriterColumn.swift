import WeirColumns

/// How the writer stores one field: its physical type, its schema element and how its statistics
/// compare values.
struct WriterColumn: Sendable {
    let field: Field
    let storage: ColumnStorage.Kind
    /// The byte width for FIXED_LEN_BYTE_ARRAY.
    let width: Int
    let physicalType: PhysicalType
    var element: SchemaElement
    let order: StatisticsOrder
    /// The names from the top-level field down to this column: one name for a flat column, more
    /// for a leaf of a nested one (`points.list.element`).
    var path: [String]
    /// The definition and repetition levels a present value of the column has.
    var maxDefinition: Int
    var maxRepetition: Int
    /// How a leaf of a nested field is reached from its top-level column; empty for a flat column.
    var steps: [ShredStep] = []

    /// Whether the pages carry definition levels.
    var isOptional: Bool { maxDefinition > 0 }
    /// The column's name in messages: its path joined with dots.
    var displayName: String { path.joined(separator: ".") }

    /// Maps `field` held in `storage` (of `width` bytes for fixed-length storage) to Parquet.
    /// - Throws: `ParquetError` (`.invalidArgument`) when the type cannot be stored that way.
    init(field: Field, storage: ColumnStorage.Kind, width: Int) throws(ParquetError) {
        self.field = field
        self.storage = storage
        path = [field.name]
        maxDefinition = field.nullable ? 1 : 0
        maxRepetition = 0
        self.width = storage == .fixedBytes ? width : 0
        order = StatisticsOrder(type: field.type, storage: storage)
        if storage == .fixedBytes && width <= 0 {
            throw ParquetError(
                .invalidArgument,
                "Column '\(field.name)' holds fixed-length values of '\(width)' bytes. Please give them a width of at least 1 byte."
            )
        }
        let physicalType: PhysicalType
        var logicalType: LogicalType?
        var convertedType: ConvertedType?
        var scale: Int32?
        var precision: Int32?
        func mismatch() -> ParquetError {
            ParquetError(
                .invalidArgument,
                "Column '\(field.name)' of type '\(field.type.name)' cannot be written from "
                    + "'\(storage)' storage. Please give it '\(field.type.defaultStorageKind)' storage.")
        }
        switch field.type {
        case .boolean:
            guard storage == .boolean else { throw mismatch() }
            physicalType = .boolean
        case .int(let bits, let signed):
            guard [8, 16, 32, 64].contains(bits) else {
                throw ParquetError(
                    .invalidArgument,
                    "Column '\(field.name)' has an integer width of '\(bits)' bits. Please use 8, 16, 32 or 64.")
            }
            guard storage == (bits <= 32 ? .int32 : .int64) else { throw mismatch() }
            physicalType = bits <= 32 ? .int32 : .int64
            // Signed 32- and 64-bit integers are implied by the physical type.
            if !signed || bits < 32 {
                logicalType = .integer(bitWidth: Int8(bits), isSigned: signed)
                convertedType = Self.integerConvertedType(bits: bits, signed: signed)
            }
        case .float32:
            guard storage == .float else { throw mismatch() }
            physicalType = .float
        case .float64:
            guard storage == .double else { throw mismatch() }
            physicalType = .double
        case .string:
            guard storage == .bytes else { throw mismatch() }
            physicalType = .byteArray
            logicalType = .string
            convertedType = .utf8
        case .binary:
            guard storage == .bytes || storage == .fixedBytes else { throw mismatch() }
            physicalType = storage == .bytes ? .byteArray : .fixedLenByteArray
        case .fixedBinary(let expected):
            guard storage == .fixedBytes else { throw mismatch() }
            guard width == expected, width > 0 else {
                throw ParquetError(
                    .invalidArgument,
                    "Column '\(field.name)' of type '\(field.type.name)' holds values of '\(width)' bytes. "
                        + "Please give it values of \(expected) bytes.")
            }
            physicalType = .fixedLenByteArray
        case .date:
            guard storage == .int32 else { throw mismatch() }
            physicalType = .int32
            logicalType = .date
            convertedType = .date
        case .timestamp(let unit, let utc):
            guard storage == .int64 else { throw mismatch() }
            physicalType = .int64
            logicalType = .timestamp(isAdjustedToUTC: utc, unit: ParquetTimeUnit(unit))
            // The specification asks for the legacy annotation on local timestamps too.
            switch unit {
            case .milliseconds: convertedType = .timestampMillis
            case .microseconds: convertedType = .timestampMicros
            case .nanoseconds: convertedType = nil
            }
        case .decimal(let digits, let fraction):
            physicalType = try Self.decimalPhysicalType(field: field, storage: storage, width: width)
            logicalType = .decimal(scale: Int32(fraction), precision: Int32(digits))
            convertedType = .decimal
            scale = Int32(fraction)
            precision = Int32(digits)
        case .list, .structure, .map:
            throw ParquetError(
                .invalidArgument,
                "Column '\(field.name)' is \(field.type.name); a nested field has no single Parquet column. "
                    + "Please map it with WriterSchema.")
        }
        self.physicalType = physicalType
        element = SchemaElement(
            type: physicalType,
            typeLength: physicalType == .fixedLenByteArray ? Int32(width) : nil,
            repetitionType: field.nullable ? .optional : .required,
            name: field.name,
            convertedType: convertedType,
            scale: scale,
            precision: precision,
            logicalType: logicalType
        )
    }

    /// The column for `field` held in the storage a reader produces by default.
    init(field: Field) throws(ParquetError) {
        let storage = field.type.defaultStorageKind
        var width = 0
        switch field.type {
        case .fixedBinary(let bytes): width = bytes
        case .decimal(let digits, _): width = Self.minimalDecimalWidth(precision: digits)
        default: break
        }
        try self.init(field: field, storage: storage, width: width)
    }

    private static func integerConvertedType(bits: Int, signed: Bool) -> ConvertedType {
        switch (bits, signed) {
        case (8, true): .int8
        case (16, true): .int16
        case (32, true): .int32
        case (64, true): .int64
        case (8, false): .uint8
        case (16, false): .uint16
        case (32, false): .uint32
        default: .uint64
        }
    }

    private static func decimalPhysicalType(
        field: Field,
        storage: ColumnStorage.Kind,
        width: Int
    ) throws(ParquetError) -> PhysicalType {
        guard case .decimal(let digits, let fraction) = field.type else { preconditionFailure("not a decimal") }
        guard digits >= 1, fraction >= 0, fraction <= digits, digits <= Int(Int32.max) else {
            throw ParquetError(
                .invalidArgument,
                "Column '\(field.name)' has the invalid decimal type '\(field.type.name)'. "
                    + "Please use a precision of at least 1 and a scale between 0 and the precision.")
        }
        let limit: Int
        let physical: PhysicalType
        switch storage {
        case .int32: (limit, physical) = (9, .int32)
        case .int64: (limit, physical) = (18, .int64)
        case .fixedBytes:
            guard width > 0 else {
                throw ParquetError(
                    .invalidArgument, "Column '\(field.name)' holds decimals of '0' bytes. Please give them a width.")
            }
            (limit, physical) = (maximumDecimalDigits(width: width), .fixedLenByteArray)
        case .bytes: (limit, physical) = (Int.max, .byteArray)
        default:
            throw ParquetError(
                .invalidArgument,
                "Column '\(field.name)' of type '\(field.type.name)' cannot be written from '\(storage)' storage. "
                    + "Please give it 'int32', 'int64', 'fixedBytes' or 'bytes' storage.")
        }
        if storage == .fixedBytes && digits > limit {
            throw ParquetError(
                .invalidArgument,
                "Column '\(field.name)' of type '\(field.type.name)' needs \(digits) digits but values of \(width) bytes "
                    + "hold at most \(limit). Please give it values of \(minimalDecimalWidth(precision: digits)) bytes."
            )
        }
        guard digits <= limit else {
            throw ParquetError(
                .invalidArgument,
                "Column '\(field.name)' of type '\(field.type.name)' needs more digits than '\(storage)' storage "
                    + "holds (\(limit)). Please give it '\(field.type.defaultStorageKind)' storage.")
        }
        return physical
    }

    /// The most decimal digits a two's complement integer of `width` bytes always holds:
    /// `floor(log10(2^(8 × width - 1) - 1))`.
    static func maximumDecimalDigits(width: Int) -> Int {
        guard width < 64 else { return Int.max }
        // log10(2) ≈ 0.30103; exact for every width below 64 bytes.
        return Int((Double(8 * width - 1) * 0.301_029_995_663_981_2).rounded(.down))
    }

    /// The fewest bytes a FIXED_LEN_BYTE_ARRAY decimal of `precision` digits needs.
    static func minimalDecimalWidth(precision: Int) -> Int {
        var width = 1
        while maximumDecimalDigits(width: width) < precision { width += 1 }
        return width
    }
}
