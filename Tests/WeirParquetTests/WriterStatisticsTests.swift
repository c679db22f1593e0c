import Testing

@testable import WeirParquet

private func bytes<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
}

@Suite struct WriterStatisticsTests {
    @Test func unsignedColumnsCompareUnsigned() {
        var statistics = StatisticsAccumulator(order: .unsigned)
        let values: [Int64] = [1, -1, 5]  // -1 is UInt64.max
        values.withUnsafeBufferPointer { statistics.add(int64: $0, validity: nil) }
        let result = statistics.finish()
        #expect(result.min == bytes(Int64(1)) && result.max == bytes(Int64(-1)))
        #expect(!result.isSigned)
    }

    @Test func floatsIgnoreNaNAndNormaliseZeros() {
        var statistics = StatisticsAccumulator(order: .floatingPoint)
        let values: [Double] = [.nan, 0.0, 3.5, .nan]
        values.withUnsafeBufferPointer { statistics.add(double: $0, validity: nil) }
        #expect(statistics.finish().min == bytes((-0.0 as Double).bitPattern))
        #expect(statistics.finish().max == bytes((3.5 as Double).bitPattern))

        var negative = StatisticsAccumulator(order: .floatingPoint)
        let below: [Float] = [-0.0, -2]
        below.withUnsafeBufferPointer { negative.add(float: $0, validity: nil) }
        #expect(negative.finish().max == bytes((0.0 as Float).bitPattern))

        var nothing = StatisticsAccumulator(order: .floatingPoint)
        let nans: [Double] = [.nan, 1.0]
        let validity = [true, false]
        nans.withUnsafeBufferPointer { values in
            validity.withUnsafeBufferPointer { nothing.add(double: values, validity: $0) }
        }
        #expect(nothing.finish().min == nil && nothing.finish().max == nil)
    }

    @Test func decimalBytesCompareByValueAcrossLengths() {
        func less(_ a: [UInt8], _ b: [UInt8]) -> Bool {
            a.withUnsafeBytes { a in b.withUnsafeBytes { StatisticsOrder.decimalLess(a, $0) } }
        }
        #expect(less([0xFF], [0x00]))  // -1 < 0
        #expect(less([0xFF, 0x00], [0xFF]))  // -256 < -1
        #expect(less([0x7F], [0x00, 0x80]))  // 127 < 128
        #expect(!less([0x00, 0x01], [0x01]))  // 1 == 1
        #expect(less([0x80, 0x00], [0xFF, 0x7F]))  // -32768 < -129
    }

    @Test func stringsCompareAsUnsignedBytesAcrossMerges() {
        var statistics = StatisticsAccumulator(order: .bytes)
        let first: [UInt8] = Array("bé".utf8) + Array("a".utf8)
        let firstOffsets = [0, 3, 4]
        firstOffsets.withUnsafeBufferPointer { offsets in
            first.withUnsafeBytes { statistics.add(offsets: offsets, data: $0, validity: nil) }
        }
        let second: [UInt8] = Array("bz".utf8) + Array("".utf8)
        let secondOffsets = [0, 2, 2]
        secondOffsets.withUnsafeBufferPointer { offsets in
            let flags = [true, false]
            flags.withUnsafeBufferPointer { flags in
                second.withUnsafeBytes { statistics.add(offsets: offsets, data: $0, validity: flags) }
            }
        }
        let result = statistics.finish()
        #expect(result.min == Array("a".utf8))
        #expect(result.max == Array("bé".utf8))  // é (0xC3) sorts after z (0x7A)
    }
}
