/// Converts the deprecated INT96 timestamps (nanoseconds of the day in 8 bytes, then the Julian
/// day in 4, both little-endian) to nanoseconds since 1970-01-01.
enum Int96Timestamps {
    /// The Julian day number of 1970-01-01.
    static let unixEpochJulianDay: Int64 = 2_440_588
    static let nanosecondsPerDay: Int64 = 86_400_000_000_000

    /// One value from its 12 bytes, or `nil` when it does not fit 64-bit nanoseconds.
    static func nanoseconds(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let nanos = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: Int64.self))
        let day = Int64(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: Int32.self)))
        let (dayNanos, overflow) = (day - unixEpochJulianDay).multipliedReportingOverflow(by: nanosecondsPerDay)
        let (total, overflow2) = dayNanos.addingReportingOverflow(nanos)
        return overflow || overflow2 ? nil : total
    }

    /// All values of `raw` (12 bytes each); rows that `validity` marks null become 0.
    static func nanoseconds(_ raw: [UInt8], validity: [Bool]?, columnName: String) throws(ParquetError) -> [Int64] {
        try raw.withBytes { (bytes) throws(ParquetError) -> [Int64] in
            let count = bytes.count / 12
            var values: [Int64] = []
            values.reserveCapacity(count)
            for index in 0..<count {
                if let validity, !validity[index] {
                    values.append(0)
                    continue
                }
                guard let value = nanoseconds(UnsafeRawBufferPointer(rebasing: bytes[(index * 12)..<(index * 12 + 12)]))
                else {
                    throw .unsupported(
                        "Column '\(columnName)' holds an INT96 timestamp outside the years 1677–2262 that "
                            + "64-bit nanoseconds cover.")
                }
                values.append(value)
            }
            return values
        }
    }
}

/// Converts IEEE 754 half-precision values (FLOAT16, two little-endian bytes each) to `Float`.
enum HalfFloat {
    static func float(bits: UInt16) -> Float {
        let sign = UInt32(bits >> 15) << 31
        let exponent = UInt32(bits >> 10) & 0x1F
        let mantissa = UInt32(bits) & 0x3FF
        if exponent == 0 {
            // Zero or subnormal: mantissa × 2^-24, exact in Float.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        }
        if exponent == 0x1F {
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        }
        return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
    }

    static func floats(_ raw: [UInt8]) -> [Float] {
        var values: [Float] = []
        values.reserveCapacity(raw.count / 2)
        var index = 0
        while index + 1 < raw.count {
            values.append(float(bits: UInt16(raw[index]) | UInt16(raw[index + 1]) << 8))
            index += 2
        }
        return values
    }
}
