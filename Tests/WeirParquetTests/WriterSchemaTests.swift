import Testing
import WeirColumns
import WeirTestSupport

@testable import WeirParquet

/// The schema elements the writer puts in the footer: physical type, logical type and the
/// converted type old readers use.
@Suite struct WriterSchemaTests {
    @Test func writesLogicalAndConvertedTypes() throws {
        let cases: [(ColumnType, ColumnStorage.Kind, Int, PhysicalType, LogicalType?, ConvertedType?)] = [
            (.boolean, .boolean, 0, .boolean, nil, nil),
            (.int8, .int32, 0, .int32, .integer(bitWidth: 8, isSigned: true), .int8),
            (.int32, .int32, 0, .int32, nil, nil),
            (.int64, .int64, 0, .int64, nil, nil),
            (.uint32, .int32, 0, .int32, .integer(bitWidth: 32, isSigned: false), .uint32),
            (.uint64, .int64, 0, .int64, .integer(bitWidth: 64, isSigned: false), .uint64),
            (.float32, .float, 0, .float, nil, nil),
            (.string, .bytes, 0, .byteArray, .string, .utf8),
            (.binary, .bytes, 0, .byteArray, nil, nil),
            (.fixedBinary(width: 16), .fixedBytes, 16, .fixedLenByteArray, nil, nil),
            (.date, .int32, 0, .int32, .date, .date),
            (
                .timestamp(unit: .milliseconds, utc: true), .int64, 0, .int64,
                .timestamp(isAdjustedToUTC: true, unit: .millis), .timestampMillis
            ),
            // The specification asks for the legacy annotation on local timestamps as well.
            (
                .timestamp(unit: .microseconds, utc: false), .int64, 0, .int64,
                .timestamp(isAdjustedToUTC: false, unit: .micros), .timestampMicros
            ),
            (
                .timestamp(unit: .nanoseconds, utc: true), .int64, 0, .int64,
                .timestamp(isAdjustedToUTC: true, unit: .nanos), nil
            ),
            (.decimal(precision: 9, scale: 2), .int32, 0, .int32, .decimal(scale: 2, precision: 9), .decimal),
            (
                .decimal(precision: 38, scale: 10), .fixedBytes, 16, .fixedLenByteArray,
                .decimal(scale: 10, precision: 38), .decimal
            ),
            (.decimal(precision: 40, scale: 0), .bytes, 0, .byteArray, .decimal(scale: 0, precision: 40), .decimal),
        ]
        for (type, storage, width, physical, logical, converted) in cases {
            let column = try WriterColumn(field: Field("c", type, nullable: false), storage: storage, width: width)
            let element = column.element
            #expect(element.type == physical, "\(type.name)")
            #expect(element.logicalType == logical, "\(type.name)")
            #expect(element.convertedType == converted, "\(type.name)")
            #expect(element.repetitionType == .required)
            #expect(element.typeLength == (physical == .fixedLenByteArray ? Int32(width) : nil), "\(type.name)")
            if case .decimal(let precision, let scale) = type {
                #expect(element.precision == Int32(precision) && element.scale == Int32(scale))
            }
        }
    }

    @Test func givesDecimalsWithoutStorageTheNarrowestFixedWidth() throws {
        #expect(WriterColumn.minimalDecimalWidth(precision: 2) == 1)
        #expect(WriterColumn.minimalDecimalWidth(precision: 3) == 2)
        #expect(WriterColumn.minimalDecimalWidth(precision: 19) == 9)
        #expect(WriterColumn.minimalDecimalWidth(precision: 38) == 16)
        let column = try WriterColumn(field: Field("d", .decimal(precision: 25, scale: 4)))
        #expect(column.physicalType == .fixedLenByteArray && column.width == 11)
        let tooNarrow = try #require(throws: ParquetError.self) {
            _ = try WriterColumn(field: Field("d", .decimal(precision: 25, scale: 4)), storage: .fixedBytes, width: 10)
        }
        #expect(
            tooNarrow.message
                == "Column 'd' of type 'decimal(25,4)' needs 25 digits but values of 10 bytes hold at most 23. Please give it values of 11 bytes."
        )
    }
}
