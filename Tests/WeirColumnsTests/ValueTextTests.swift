import Testing
import WeirColumns

@Suite struct ValueTextTests {
    @Test func timestampsKeepTheUnitsPrecision() {
        #expect(Value.timestamp(0, .milliseconds, utc: true).text == "1970-01-01T00:00:00.000Z")
        #expect(Value.timestamp(-1, .milliseconds, utc: false).text == "1969-12-31T23:59:59.999")
        #expect(Value.timestamp(1_760_778_000_123_456, .microseconds, utc: true).text == "2025-10-18T09:00:00.123456Z")
        #expect(Value.timestamp(1, .nanoseconds, utc: false).text == "1970-01-01T00:00:00.000000001")
    }

    @Test func decimalsPrintExactly() {
        #expect(Value.decimal(-5, scale: 2).text == "-0.05")
        #expect(Value.decimal(12_345, scale: 2).text == "123.45")
        #expect(Value.decimal(7, scale: 0).text == "7")
        #expect(Value.decimal(7, scale: -2).text == "700")
        #expect(Value.decimal(Int128.max, scale: 38).text == "1.70141183460469231731687303715884105727")
    }

    @Test func jsonFollowsTheJSONLContract() {
        #expect(Value.double(.nan).json == "\"NaN\"")
        #expect(Value.double(-.infinity).json == "\"-Infinity\"")
        #expect(Value.float(.infinity).json == "\"Infinity\"")
        #expect(Value.double(1.5).json == "1.5")
        #expect(Value.string("a\"b\n\u{1}é").json == "\"a\\\"b\\n\\u0001é\"")
        #expect(Value.bytes([0, 255, 1]).json == "\"AP8B\"")
        #expect(Value.date(0).json == "\"1970-01-01\"")
        #expect(Value.null.json == "null")
        #expect(Value.uint(UInt64.max).json == "18446744073709551615")
    }

    @Test func base64PadsPartialGroups() {
        #expect(Base64.encode(Array("f".utf8)) == "Zg==")
        #expect(Base64.encode(Array("fo".utf8)) == "Zm8=")
        #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64.encode([UInt8]()) == "")
    }

    @Test func columnsInterpretStorageThroughTheLogicalType() {
        let unsigned = Column(field: Field("u", .uint64), storage: .int64([-1]))
        #expect(unsigned.value(at: 0) == .uint(UInt64.max))
        let decimal = Column(
            field: Field("d", .decimal(precision: 5, scale: 2)),
            storage: .fixedBytes(width: 3, data: [0xFF, 0xFF, 0xFB])
        )
        #expect(decimal.value(at: 0) == .decimal(-5, scale: 2))
        let strings = Column(
            field: Field("s", .string),
            storage: .bytes(ByteArrays(["x", ""])),
            validity: [true, false]
        )
        #expect(strings.value(at: 0) == .string("x"))
        #expect(strings.value(at: 1) == .null)
        #expect(strings.nullCount == 1)
    }
}
