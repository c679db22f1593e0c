import Testing
import WeirTestSupport

@testable import WeirParquet

/// A plain reading of the RLE / bit-packing hybrid, written from the format description, to check
/// the encoder against.
private func decodeHybrid(_ bytes: [UInt8], bitWidth: Int, count: Int) throws -> [UInt32] {
    var values: [UInt32] = []
    var position = 0
    func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try #require(position < bytes.count ? bytes[position] : nil)
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }
    while values.count < count {
        let header = try varint()
        if header & 1 == 0 {
            var value: UInt32 = 0
            for index in 0..<((bitWidth + 7) / 8) {
                value |= UInt32(bytes[position + index]) << (8 * index)
            }
            position += (bitWidth + 7) / 8
            values += Array(repeating: value, count: Int(header >> 1))
        } else {
            let total = Int(header >> 1) * 8
            for index in 0..<total {
                var value: UInt32 = 0
                for bit in 0..<bitWidth {
                    let absolute = index * bitWidth + bit
                    if bytes[position + absolute / 8] >> (absolute % 8) & 1 == 1 { value |= 1 << bit }
                }
                values.append(value)
            }
            position += total * bitWidth / 8
        }
    }
    #expect(position == bytes.count, "no bytes left over")
    return Array(values.prefix(count))
}

private func encodeHybrid(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
    let bound = RLEHybridEncoder.maxEncodedSize(count: values.count, bitWidth: bitWidth)
    return EncoderOutput.bytes(capacity: bound) { output in
        values.withUnsafeBufferPointer { RLEHybridEncoder.encode($0, bitWidth: bitWidth, into: &output) }
    }
}

@Suite struct WriterEncodingTests {
    @Test func hybridEncodesALongRepeatAsOneRun() {
        // 100 zeros of width 1: header 100 << 1 = 200 as a varint, then one value byte.
        #expect(encodeHybrid(Array(repeating: 0, count: 100), bitWidth: 1) == [0xC8, 0x01, 0x00])
    }

    @Test func hybridBitPacksShortRunsLeastSignificantBitFirst() {
        // The example of the format description: 0…7 at width 3.
        #expect(encodeHybrid([0, 1, 2, 3, 4, 5, 6, 7], bitWidth: 3) == [0x03, 0x88, 0xC6, 0xFA])
    }

    @Test(arguments: [1, 2, 3, 7, 8, 13, 17, 24, 31, 32])
    func hybridRoundTripsMixedRunsAtEveryWidth(bitWidth: Int) throws {
        var generator = SeededRandom(seed: UInt64(bitWidth))
        let maximum = bitWidth == 32 ? UInt32.max : (1 << UInt32(bitWidth)) - 1
        var values: [UInt32] = []
        while values.count < 5_000 {
            let value = UInt32(truncatingIfNeeded: generator.next()) & maximum
            let length = generator.next() % 4 == 0 ? Int(generator.next() % 40) : 1
            values += Array(repeating: value, count: length)
        }
        for count in [0, 1, 7, 8, 9, 15, 16, 17, values.count] {
            let slice = Array(values.prefix(count))
            let encoded = encodeHybrid(slice, bitWidth: bitWidth)
            #expect(encoded.count <= RLEHybridEncoder.maxEncodedSize(count: count, bitWidth: bitWidth))
            #expect(try decodeHybrid(encoded, bitWidth: bitWidth, count: count) == slice)
        }
    }

    @Test func hybridEncodesBooleanLevelsAsBytes() throws {
        let levels: [UInt8] = [1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1]
        let encoded = EncoderOutput.bytes(capacity: RLEHybridEncoder.maxEncodedSize(count: levels.count, bitWidth: 1)) {
            output in levels.withUnsafeBufferPointer { RLEHybridEncoder.encode($0, bitWidth: 1, into: &output) }
        }
        #expect(try decodeHybrid(encoded, bitWidth: 1, count: levels.count) == levels.map(UInt32.init))
    }

    @Test func bitWidthCoversTheLargestIndex() {
        #expect(RLEHybridEncoder.bitWidth(forMaximum: 0) == 1)
        #expect(RLEHybridEncoder.bitWidth(forMaximum: 1) == 1)
        #expect(RLEHybridEncoder.bitWidth(forMaximum: 2) == 2)
        #expect(RLEHybridEncoder.bitWidth(forMaximum: 255) == 8)
        #expect(RLEHybridEncoder.bitWidth(forMaximum: 256) == 9)
        #expect(RLEHybridEncoder.bitWidth(forMaximum: .max) == 32)
    }

    @Test func plainSkipsNullRows() {
        let values: [Int32] = [1, 0, 3, 0, 0, 6]
        let validity = [true, false, true, false, false, true]
        let encoded = EncoderOutput.bytes(capacity: 24) { output in
            values.withUnsafeBufferPointer { values in
                validity.withUnsafeBufferPointer { PlainEncoder.encode(values, validity: $0, into: &output) }
            }
        }
        #expect(encoded == [1, 0, 0, 0, 3, 0, 0, 0, 6, 0, 0, 0])
    }

    @Test func plainPacksBooleansAndPrefixesByteArrays() {
        let booleans = [true, false, true, true, false, false, false, false, true]
        let packed = EncoderOutput.bytes(capacity: 2) { output in
            booleans.withUnsafeBufferPointer { PlainEncoder.encodeBooleans($0, validity: nil, into: &output) }
        }
        #expect(packed == [0b0000_1101, 0b0000_0001])

        let offsets = [0, 2, 2, 5]
        let data: [UInt8] = Array("abcde".utf8)
        let encoded = EncoderOutput.bytes(capacity: 17) { output in
            offsets.withUnsafeBufferPointer { offsets in
                data.withUnsafeBytes {
                    PlainEncoder.encodeByteArrays(offsets: offsets, data: $0, validity: nil, into: &output)
                }
            }
        }
        #expect(encoded == [2, 0, 0, 0, 97, 98, 0, 0, 0, 0, 3, 0, 0, 0, 99, 100, 101])
    }

    @Test(arguments: [0, 1, 7, 8, 9, 63, 64, 1_000])
    func plainBooleansMatchBitByBitPacking(count: Int) {
        var generator = SeededRandom(seed: UInt64(count))
        let values = (0..<count).map { _ in generator.next() & 1 == 1 }
        let packed = EncoderOutput.bytes(capacity: (count + 7) / 8) { output in
            values.withUnsafeBufferPointer { PlainEncoder.encodeBooleans($0, validity: nil, into: &output) }
        }
        var expected = [UInt8](repeating: 0, count: (count + 7) / 8)
        for (index, value) in values.enumerated() where value { expected[index / 8] |= 1 << (index % 8) }
        #expect(packed == expected)
    }

    @Test func integerDictionaryAssignsIndicesInFirstSeenOrder() {
        var dictionary = IntegerDictionaryEncoder<UInt64>(byteLimit: 1 << 20)
        var values: [UInt64] = []
        for index in 0..<10_000 { values.append(UInt64(index % 7) &* 1_000_003) }
        var indices = [UInt32](repeating: 0, count: values.count)
        let result = values.withUnsafeBufferPointer { values in
            indices.withUnsafeMutableBufferPointer {
                dictionary.encode(values, validity: nil, indices: $0.baseAddress!)
            }
        }
        #expect(result.rows == values.count && result.indices == values.count)
        #expect(dictionary.keys == (0..<7).map { UInt64($0) &* 1_000_003 })
        #expect(indices.enumerated().allSatisfy { $0.element == UInt32($0.offset % 7) })
    }

    @Test func integerDictionaryStopsAtItsLimitAndKeepsNullsOut() {
        var dictionary = IntegerDictionaryEncoder<UInt32>(byteLimit: 400)  // 100 keys
        let values = (0..<50_000).map { UInt32($0) }
        let validity = (0..<50_000).map { $0 % 3 != 0 }
        var indices = [UInt32](repeating: 0, count: values.count)
        let result = values.withUnsafeBufferPointer { values in
            validity.withUnsafeBufferPointer { validity in
                indices.withUnsafeMutableBufferPointer {
                    dictionary.encode(values, validity: validity, indices: $0.baseAddress!)
                }
            }
        }
        #expect(dictionary.count == 100)
        #expect(result.indices == 100)
        // Row 149 holds the 100th non-null value, row 150 is null and row 151 would be the 101st key.
        #expect(result.rows == 151)
        #expect(dictionary.keys.first == 1 && dictionary.keys.last == 149)
    }

    @Test func byteDictionaryDeduplicatesAndLimitsItsPage() {
        var dictionary = ByteArrayDictionaryEncoder(fixedWidth: nil, byteLimit: 4 * 3 + 3 + 100)
        let words = ["IV", "IVg", "ITS", "", "IV", "IVg", "ITS", ""]
        var offsets = [0]
        var data: [UInt8] = []
        for word in words {
            data += Array(word.utf8)
            offsets.append(data.count)
        }
        var indices = [UInt32](repeating: 9, count: words.count)
        let result = offsets.withUnsafeBufferPointer { offsets in
            data.withUnsafeBytes { data in
                indices.withUnsafeMutableBufferPointer {
                    dictionary.encode(valueOffsets: offsets, bytes: data, validity: nil, indices: $0.baseAddress!)
                }
            }
        }
        #expect(result.rows == 8)
        #expect(indices == [0, 1, 2, 3, 0, 1, 2, 3])
        let page = EncoderOutput.bytes(capacity: 100) { dictionary.encodeDictionary(into: &$0) }
        #expect(page == [2, 0, 0, 0, 73, 86, 3, 0, 0, 0, 73, 86, 103, 3, 0, 0, 0, 73, 84, 83, 0, 0, 0, 0])

        var small = ByteArrayDictionaryEncoder(fixedWidth: nil, byteLimit: 10)
        let stopped = offsets.withUnsafeBufferPointer { offsets in
            data.withUnsafeBytes { data in
                indices.withUnsafeMutableBufferPointer {
                    small.encode(valueOffsets: offsets, bytes: data, validity: nil, indices: $0.baseAddress!)
                }
            }
        }
        #expect(stopped.rows == 1 && small.count == 1)
    }

    @Test func byteDictionarySurvivesManyDistinctValues() {
        var dictionary = ByteArrayDictionaryEncoder(fixedWidth: nil, byteLimit: 1 << 30)
        var offsets = [0]
        var data: [UInt8] = []
        for index in 0..<20_000 {
            data += Array("value-\(index % 12_345)".utf8)
            offsets.append(data.count)
        }
        var indices = [UInt32](repeating: 0, count: 20_000)
        _ = offsets.withUnsafeBufferPointer { offsets in
            data.withUnsafeBytes { data in
                indices.withUnsafeMutableBufferPointer {
                    dictionary.encode(valueOffsets: offsets, bytes: data, validity: nil, indices: $0.baseAddress!)
                }
            }
        }
        #expect(dictionary.count == 12_345)
        #expect(indices[12_345] == 0 && indices[19_999] == UInt32(19_999 % 12_345))
    }
}
