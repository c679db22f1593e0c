import Testing

@testable import WeirParquet

/// DELTA_BINARY_PACKED pages of INT32 values whose deltas were computed in 64 bits, as DuckDB's
/// `PARQUET_VERSION V2` files have them: a miniblock 33 bits wide reads as the values meant.
@Suite struct DeltaBitWidthTests {
    /// Block of 128 values in 4 miniblocks, 6 values from -2³¹ to 2³¹ - 1 and back, minimum delta
    /// -(2³² - 1), first miniblock 33 bits wide (the others unused).
    static let page: [UInt8] =
        [128, 1, 4, 6, 255, 255, 255, 255, 15, 253, 255, 255, 255, 31, 33, 0, 0, 0]
        + [254, 255, 255, 255, 1, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 156, 255, 255, 255, 23]
        + [UInt8](repeating: 0, count: 111)
    static let values: [Int32] = [.min, .max, .min, .min + 1, 5, .max]

    @Test func int32DeltasWiderThan32BitsReadAsTheValuesMeant() throws {
        var decoded = [Int32](repeating: 0, count: Self.values.count)
        try Self.page.withUnsafeBytes { bytes in
            var decoder = try DeltaBinaryPackedDecoder(bytes, typeBits: 32)
            try decoded.withUnsafeMutableBufferPointer { try decoder.decode(into: $0.baseAddress!, count: $0.count) }
        }
        #expect(decoded == Self.values)
    }

    @Test func aBitWidthAbove64IsRefusedNamingIt() throws {
        var page = Self.page
        page[14] = 65
        var decoded = [Int32](repeating: 0, count: Self.values.count)
        #expect {
            try page.withUnsafeBytes { bytes in
                var decoder = try DeltaBinaryPackedDecoder(bytes, typeBits: 32)
                try decoded.withUnsafeMutableBufferPointer {
                    try decoder.decode(into: $0.baseAddress!, count: $0.count)
                }
            }
        } throws: { error in
            "\(error)".contains("bit width of 65, above 64")
        }
    }
}
