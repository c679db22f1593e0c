import Testing
import WeirColumns
import WeirParquet

/// Nested layouts that today's writers no longer produce, and corrupt levels, built by hand.
@Suite struct LegacyNestedTests {
    private typealias Entry = HandmadeNestedFile.Entry

    private static func rows(_ bytes: [UInt8]) throws -> [String] {
        let reader = try ParquetFileReader(bytes: bytes)
        let batch = try reader.readRowGroup(0)
        return (0..<batch.rowCount).map { batch.columns[0].value(at: $0).json }
    }

    @Test func twoLevelListOfPrimitives() throws {
        // optional group l (LIST) { repeated int32 element; }
        let schema = [
            SchemaElement(repetitionType: .optional, name: "l", numChildren: 1, convertedType: .list),
            SchemaElement(type: .int32, repetitionType: .repeated, name: "element"),
        ]
        let entries = [Entry(0, 2, 1), Entry(1, 2, 2), Entry(0, 1), Entry(0, 0), Entry(0, 2, 3)]
        let bytes = HandmadeNestedFile.bytes(
            schema: schema, maxRepetition: 1, maxDefinition: 2, entries: entries, rows: 4)
        let reader = try ParquetFileReader(bytes: bytes)
        #expect(reader.schema.fields == [Field("l", .list(Field("element", .int32, nullable: false)))])
        #expect(try Self.rows(bytes) == ["[1,2]", "[]", "null", "[3]"])
    }

    @Test func twoLevelListNamedArrayIsAListOfStructs() throws {
        // optional group l (LIST) { repeated group array { optional int32 x; } }
        let schema = [
            SchemaElement(repetitionType: .optional, name: "l", numChildren: 1, convertedType: .list),
            SchemaElement(repetitionType: .repeated, name: "array", numChildren: 1),
            SchemaElement(type: .int32, repetitionType: .optional, name: "x"),
        ]
        let entries = [Entry(0, 3, 5), Entry(1, 2), Entry(0, 1), Entry(0, 0)]
        let bytes = HandmadeNestedFile.bytes(
            schema: schema, maxRepetition: 1, maxDefinition: 3, entries: entries, rows: 3)
        let reader = try ParquetFileReader(bytes: bytes)
        #expect(reader.schema.fields[0].type.name == "list<struct<x: int32>>")
        #expect(try Self.rows(bytes) == [#"[{"x":5},{"x":null}]"#, "[]", "null"])
    }

    @Test func repeatedFieldWithoutAnnotationIsANonNullList() throws {
        // repeated int32 n;
        let schema = [SchemaElement(type: .int32, repetitionType: .repeated, name: "n")]
        let entries = [Entry(0, 1, 4), Entry(1, 1, 5), Entry(1, 1, 6), Entry(0, 0), Entry(0, 1, 7)]
        let bytes = HandmadeNestedFile.bytes(
            schema: schema, maxRepetition: 1, maxDefinition: 1, entries: entries, rows: 3)
        let reader = try ParquetFileReader(bytes: bytes)
        #expect(reader.schema.fields == [Field("n", .list(Field("element", .int32, nullable: false)), nullable: false)])
        #expect(try Self.rows(bytes) == ["[4,5,6]", "[]", "[7]"])
    }

    @Test func repeatedGroupInsideAStruct() throws {
        // optional group s { repeated group pairs { required int32 v; } }
        let schema = [
            SchemaElement(repetitionType: .optional, name: "s", numChildren: 1),
            SchemaElement(repetitionType: .repeated, name: "pairs", numChildren: 1),
            SchemaElement(type: .int32, repetitionType: .required, name: "v"),
        ]
        let entries = [Entry(0, 2, 1), Entry(1, 2, 2), Entry(0, 0), Entry(0, 1)]
        let bytes = HandmadeNestedFile.bytes(
            schema: schema, maxRepetition: 1, maxDefinition: 2, entries: entries, rows: 3)
        #expect(try Self.rows(bytes) == [#"{"pairs":[{"v":1},{"v":2}]}"#, "null", #"{"pairs":[]}"#])
    }

    private static let listSchema = [
        SchemaElement(repetitionType: .optional, name: "l", numChildren: 1, logicalType: .list),
        SchemaElement(repetitionType: .repeated, name: "list", numChildren: 1),
        SchemaElement(type: .int32, repetitionType: .optional, name: "element"),
    ]

    private static func corruption(_ entries: [Entry], rows: Int) throws -> ParquetError {
        let bytes = HandmadeNestedFile.bytes(
            schema: listSchema, maxRepetition: 1, maxDefinition: 3, entries: entries, rows: rows)
        let reader = try ParquetFileReader(bytes: bytes)
        return try #require(throws: ParquetError.self) { try reader.readRowGroup(0) }
    }

    @Test func aChunkThatStartsInsideARowIsRefused() throws {
        let error = try Self.corruption([Entry(1, 3, 1), Entry(0, 3, 2)], rows: 1)
        #expect(error.kind == .corrupt)
        #expect(error.message.contains("repetition level of 1; a column chunk starts a row"))
        #expect(error.location?.hasPrefix("row group 0, column 'l', leaf 'l.list.element', page at byte 4") == true)
    }

    @Test func aDefinitionLevelAboveItsMaximumIsRefused() throws {
        // A two-level list: the maximum definition level is 2, but 3 fits the levels' two bits.
        let schema = [
            SchemaElement(repetitionType: .optional, name: "l", numChildren: 1, convertedType: .list),
            SchemaElement(type: .int32, repetitionType: .repeated, name: "element"),
        ]
        let bytes = HandmadeNestedFile.bytes(
            schema: schema, maxRepetition: 1, maxDefinition: 2, entries: [Entry(0, 2, 1), Entry(0, 3, 2)], rows: 2)
        let reader = try ParquetFileReader(bytes: bytes)
        let error = try #require(throws: ParquetError.self) { try reader.readRowGroup(0) }
        #expect(error.kind == .corrupt)
        #expect(error.message == "A definition level of 3 is above the column's maximum of 2.")
        #expect(error.location == "row group 0, column 'l', leaf 'l.element', page at byte 4")
    }

    @Test func aRepeatedEntryWithoutAnElementIsRefused() throws {
        let error = try Self.corruption([Entry(0, 3, 1), Entry(1, 1)], rows: 1)
        #expect(error.kind == .corrupt)
        #expect(error.message == "Value 1 of the page repeats at level 1 with a definition level of 1, below the 2 that level's elements have.")
    }

    @Test func levelsThatMakeAnotherRowCountAreRefused() throws {
        let error = try Self.corruption([Entry(0, 3, 1), Entry(1, 3, 2), Entry(0, 3, 3)], rows: 3)
        #expect(error.kind == .corrupt)
        #expect(error.message == "The column chunk's levels make 2 rows where the row group has 3.")
        let short = try Self.corruption([Entry(0, 3, 1), Entry(0, 3, 2)], rows: 3)
        #expect(short.message == "The column chunk claims 2 values for the row group's 3 rows.")
        #expect(short.location == "row group 0, column 'l', leaf 'l.list.element'")
    }
}
