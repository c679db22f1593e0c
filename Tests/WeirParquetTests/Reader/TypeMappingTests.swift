import Testing
import WeirColumns
import WeirParquet

@Suite struct TypeMappingTests {
    private func type(_ element: SchemaElement) throws -> ColumnType {
        let bytes = HandmadeFile.bytes(element: element)
        let reader = try ParquetFileReader(bytes: bytes)
        return try reader.columns[0].mapping.get().type
    }

    private func refusal(_ element: SchemaElement) throws -> ParquetError {
        let reader = try ParquetFileReader(bytes: HandmadeFile.bytes(element: element))
        #expect(reader.schema.fields.isEmpty)
        return try #require(throws: ParquetError.self) { try reader.columns[0].mapping.get() }
    }

    static let supported: [(SchemaElement, ColumnType)] = [
        (SchemaElement(type: .boolean, name: "n"), .boolean),
        (SchemaElement(type: .int32, name: "n", logicalType: .integer(bitWidth: 8, isSigned: true)), .int8),
        (SchemaElement(type: .int32, name: "n", logicalType: .integer(bitWidth: 16, isSigned: false)), .uint16),
        (SchemaElement(type: .int32, name: "n", convertedType: .uint32), .uint32),
        (SchemaElement(type: .int32, name: "n", convertedType: .int16), .int16),
        (SchemaElement(type: .int32, name: "n", logicalType: .date), .date),
        (SchemaElement(type: .int32, name: "n", convertedType: .date), .date),
        (SchemaElement(type: .int32, name: "n", logicalType: .time(isAdjustedToUTC: true, unit: .millis)), .int32),
        (
            SchemaElement(type: .int32, name: "n", convertedType: .decimal, scale: 2, precision: 7),
            .decimal(precision: 7, scale: 2)
        ),
        (SchemaElement(type: .int64, name: "n", logicalType: .integer(bitWidth: 64, isSigned: false)), .uint64),
        (SchemaElement(type: .int64, name: "n", convertedType: .uint64), .uint64),
        (
            SchemaElement(type: .int64, name: "n", logicalType: .timestamp(isAdjustedToUTC: false, unit: .nanos)),
            .timestamp(unit: .nanoseconds, utc: false)
        ),
        (
            SchemaElement(type: .int64, name: "n", convertedType: .timestampMicros),
            .timestamp(unit: .microseconds, utc: true)
        ),
        (SchemaElement(type: .int96, name: "n"), .timestamp(unit: .microseconds, utc: false)),
        (SchemaElement(type: .float, name: "n"), .float32),
        (SchemaElement(type: .double, name: "n"), .float64),
        (SchemaElement(type: .byteArray, name: "n"), .binary),
        (SchemaElement(type: .byteArray, name: "n", logicalType: .json), .string),
        (SchemaElement(type: .byteArray, name: "n", convertedType: .enum), .string),
        (SchemaElement(type: .byteArray, name: "n", logicalType: .bson), .binary),
        (
            SchemaElement(type: .byteArray, name: "n", logicalType: .decimal(scale: 0, precision: 38)),
            .decimal(precision: 38, scale: 0)
        ),
        (
            SchemaElement(type: .fixedLenByteArray, typeLength: 16, name: "n", logicalType: .uuid),
            .fixedBinary(width: 16)
        ),
        (SchemaElement(type: .fixedLenByteArray, typeLength: 2, name: "n", logicalType: .float16), .float32),
        (
            SchemaElement(type: .fixedLenByteArray, typeLength: 12, name: "n", convertedType: .interval),
            .fixedBinary(width: 12)
        ),
    ]

    @Test func typesMapThroughLogicalThenConvertedTypes() throws {
        for (element, expected) in Self.supported {
            var optional = element
            optional.repetitionType = .optional
            #expect(try type(optional) == expected, "\(element)")
        }
    }

    @Test func unreadableTypesAreRefusedWithTheirReason() throws {
        let wideInt = try refusal(
            SchemaElement(type: .int32, name: "n", logicalType: .integer(bitWidth: 64, isSigned: true)))
        #expect(
            wideInt.message
                == "Column 'n' is an INT(64) stored in INT32, which Weir does not read. Select other columns with --columns."
        )
        let wideDecimal = try refusal(
            SchemaElement(type: .byteArray, name: "n", logicalType: .decimal(scale: 0, precision: 40)))
        #expect(
            wideDecimal.message
                == "Column 'n' is a DECIMAL of precision 40; Weir reads decimals of up to 38 digits. Select other columns with --columns."
        )
        let wideFixed = try refusal(
            SchemaElement(type: .fixedLenByteArray, typeLength: 17, name: "n", convertedType: .decimal, precision: 38))
        #expect(
            wideFixed.message
                == "Column 'n' is a decimal of 17 bytes; Weir reads decimals of up to 16 bytes. Select other columns with --columns."
        )
        let badScale = try refusal(
            SchemaElement(type: .int32, name: "n", logicalType: .decimal(scale: 5, precision: 3)))
        #expect(badScale.kind == .corrupt)
        #expect(badScale.message == "The DECIMAL column 'n' has precision 3 and scale 5.")
        let half = try refusal(SchemaElement(type: .fixedLenByteArray, typeLength: 3, name: "n", logicalType: .float16))
        #expect(half.message == "The FLOAT16 column 'n' is 3 bytes wide, not 2.")
        let unknown = try refusal(SchemaElement(type: .unknown(11), name: "n"))
        #expect(
            unknown.message
                == "Column 'n' has the unknown physical type 11, which Weir does not read. Select other columns with --columns."
        )
    }
}
