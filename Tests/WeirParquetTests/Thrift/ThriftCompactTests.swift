import Testing

@testable import WeirParquet

@Suite struct ThriftCompactTests {
    @Test(arguments: [Int64.min, -1_000_000_000_000, -65, -64, -1, 0, 1, 63, 64, 300, Int64.max])
    func i64ValuesRoundTrip(value: Int64) throws {
        var writer = ThriftCompactWriter()
        writer.writeI64(value)
        let bytes = writer.bytes
        let decoded = try withUnsafeBytesTyped(of: bytes) { (buffer) throws(ParquetError) in
            var reader = ThriftCompactReader(buffer)
            return try reader.readI64()
        }
        #expect(decoded == value)
    }

    @Test func zigZagVarintsHaveTheCompactLayout() {
        var writer = ThriftCompactWriter()
        writer.writeI32(-1)
        writer.writeI32(1)
        writer.writeI32(150)
        #expect(writer.bytes == [0x01, 0x02, 0xAC, 0x02])
    }

    @Test func fieldHeadersUseDeltasAndLongForm() throws {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeI32(field: 1, 7)
        writer.writeBool(field: 2, true)
        writer.writeBool(field: 3, false)
        writer.writeString(field: 40, "hé")
        writer.writeDouble(field: 41, -2.5)
        writer.endStruct()
        // Field 40 is 37 after field 3: too far for a delta, so the id follows as a zigzag i16.
        #expect(Array(writer.bytes.prefix(7)) == [0x15, 0x0E, 0x11, 0x12, 0x08, 0x50, 0x03])

        try withUnsafeBytesTyped(of: writer.bytes) { (buffer) throws(ParquetError) in
            var reader = ThriftCompactReader(buffer)
            try reader.beginStruct()
            var seen: [Int16] = []
            while let field = try reader.nextField() {
                seen.append(field.id)
                switch field.id {
                case 1: #expect(try reader.readI32() == 7)
                case 2: #expect(try reader.readBool() == true)
                case 3: #expect(try reader.readBool() == false)
                case 40: #expect(try reader.readString() == "hé")
                case 41: #expect(try reader.readDouble() == -2.5)
                default: Issue.record("unexpected field \(field.id)")
                }
            }
            #expect(seen == [1, 2, 3, 40, 41])
            #expect(reader.remaining == 0)
        }
    }

    @Test func unknownFieldsOfEveryTypeAreSkipped() throws {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeI8(field: 90, -3)
        writer.writeI16(field: 91, 300)
        writer.writeDouble(field: 92, 1)
        writer.writeBinary(field: 93, [1, 2, 3])
        writer.writeList(field: 94, of: .list, [[1, 2], [3]]) { writer, inner in
            writer.writeListHeader(.i32, count: inner.count)
            for value in inner { writer.writeI32(Int32(value)) }
        }
        writer.fieldHeader(95, .map)
        writer.writeVarint(2)
        writer.writeI8(Int8(bitPattern: ThriftType.binary.rawValue << 4 | ThriftType.bool.rawValue))
        writer.writeString("a")
        writer.writeBool(true)
        writer.writeString("b")
        writer.writeBool(false)
        writer.fieldHeader(96, .struct)
        writer.beginStruct()
        writer.fieldHeader(1, .struct)
        writer.beginStruct()
        writer.writeBool(field: 1, true)
        writer.endStruct()
        writer.endStruct()
        writer.writeList(field: 97, of: .bool, [true, false, true]) { writer, value in writer.writeBool(value) }
        writer.fieldHeader(98, .set)
        writer.writeListHeader(.binary, count: 20)
        for _ in 0..<20 { writer.writeString("x") }
        writer.writeI32(field: 99, 5)
        writer.endStruct()

        let five = try withUnsafeBytesTyped(of: writer.bytes) { (buffer) throws(ParquetError) -> Int32? in
            var reader = ThriftCompactReader(buffer)
            var found: Int32?
            try reader.beginStruct()
            while let field = try reader.nextField() {
                if field.id == 99 { found = try reader.readI32() } else { try reader.skip(field.type) }
            }
            #expect(reader.remaining == 0)
            return found
        }
        #expect(five == 5)
    }
}
