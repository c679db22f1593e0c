import Testing

@testable import WeirParquet

@Suite struct ThriftRejectionTests {
    private func decodeError<T: ThriftDecodable>(_ type: T.Type, _ bytes: [UInt8]) -> ParquetError? {
        do {
            _ = try T.decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    private static let sample = FileMetaData(
        schema: [
            SchemaElement(name: "schema", numChildren: 1),
            SchemaElement(type: .int64, repetitionType: .optional, name: "id"),
        ],
        numRows: 3,
        rowGroups: [],
        createdBy: "weir tests"
    )

    @Test func everyTruncationIsRejected() {
        let bytes = Self.sample.thriftBytes
        for length in 0..<bytes.count {
            let error = decodeError(FileMetaData.self, Array(bytes.prefix(length)))
            #expect(error?.kind == .corrupt, "prefix of \(length) bytes")
        }
    }

    @Test func absurdBinaryLengthIsRejected() throws {
        // Field 6 (created_by) claiming 2^40 bytes.
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.fieldHeader(6, .binary)
        writer.writeVarint(1 << 40)
        let error = try #require(decodeError(FileMetaData.self, writer.bytes + [1, 2, 3]))
        #expect(error.kind == .corrupt)
        #expect(error.message.contains("claims 1099511627776 bytes"))
    }

    @Test func absurdListCountIsRejected() throws {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.fieldHeader(2, .list)
        writer.writeListHeader(.struct, count: 2_000_000_000)
        let error = try #require(decodeError(FileMetaData.self, writer.bytes + [0, 0, 0]))
        #expect(error.kind == .corrupt)
        #expect(error.message.contains("claims 2000000000 elements"))
    }

    @Test func overlongVarintIsRejected() throws {
        let bytes: [UInt8] = [0x16] + Array(repeating: 0xFF, count: 11) + [0x01]
        let error = try #require(decodeError(Statistics.self, bytes))
        #expect(error.message.contains("overflows"))
    }

    @Test func outOfRangeI32IsRejected() throws {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        // Field 1 (version, an i32) holding a value that needs 33 bits.
        writer.writeI64(field: 1, Int64(Int32.max) + 1)
        var bytes = writer.bytes
        bytes[0] = 0x15
        let error = try #require(decodeError(FileMetaData.self, bytes))
        #expect(error.message.contains("out of range"))
    }

    @Test func deepNestingIsRejected() throws {
        // An unknown field holding structs nested a thousand deep.
        var bytes: [UInt8] = []
        for _ in 0..<1_000 { bytes.append(0x1C) }
        bytes += Array(repeating: 0, count: 1_001)
        let error = try #require(decodeError(Statistics.self, [0xAC] + bytes))
        #expect(error.message.contains("nest deeper than 64 levels"))

        let lists = Array(repeating: UInt8(0x19), count: 1_000) + [0]
        let listError = try #require(decodeError(Statistics.self, [0xA9] + lists))
        #expect(listError.message.contains("nest deeper"))
    }

    @Test func missingRequiredFieldIsNamed() throws {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeI32(field: 1, 1)
        writer.endStruct()
        let error = try #require(decodeError(FileMetaData.self, writer.bytes))
        #expect(error.message == "The Thrift struct 'FileMetaData' lacks its required field 'schema'.")
    }

    @Test func unknownTypeNibbleIsRejected() throws {
        let error = try #require(decodeError(Statistics.self, [0x1D]))
        #expect(error.message.contains("unknown type 13"))
    }
}
