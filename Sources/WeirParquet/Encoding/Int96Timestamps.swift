import WeirColumns

/// Converts the deprecated INT96 timestamps (nanoseconds of the day in 8 bytes, then the Julian
/// day in 4, both little-endian) to a count of `unit` since 1970-01-01.
///
/// Spark writes INT96 from microsecond timestamps and reaches years that 64-bit nanoseconds do
/// not (1677–2262), so they are read at microseconds by default (``ParquetReadOptions/int96Unit``).
/// A value is converted exactly or refused: one with digits finer than `unit`, or one too far from
/// 1970 for 64 bits of `unit`, throws an error that names the unit that reads it.
enum Int96Timestamps {
    /// The Julian day number of 1970-01-01.
    static let unixEpochJulianDay: Int64 = 2_440_588
    static let nanosecondsPerDay: Int64 = 86_400_000_000_000

    /// The instant one value stands for, in nanoseconds since 1970-01-01, computed exactly.
    ///
    /// Spark adds the epoch's Julian day to a microsecond timestamp in 64 bits, which wraps for
    /// years after about 285,400: such a value is stored with a Julian day near −107 million (as if
    /// 290,000 BC). Spark reads it back by wrapping again, so a stored microsecond count in that
    /// band, which no calendar date fills, is read as the late year Spark meant.
    static func instant(_ bytes: UnsafeRawBufferPointer) -> Int128 {
        let nanos = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: Int64.self))
        let day = Int64(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: Int32.self)))
        let julian = Int128(day) * Int128(nanosecondsPerDay) + Int128(nanos)
        let epoch = Int128(unixEpochJulianDay) * Int128(nanosecondsPerDay)
        let (julianMicros, extra) = julian.quotientAndRemainder(dividingBy: 1_000)
        let wrappedBand = Int128(Int64.min)..<(Int128(Int64.min) + epoch / 1_000)
        if extra == 0, wrappedBand.contains(julianMicros) {
            return (julianMicros + (Int128(1) << 64) - epoch / 1_000) * 1_000
        }
        return julian - epoch
    }

    /// Why one value cannot be read at a unit.
    enum Refusal: Error {
        /// It has digits finer than the unit.
        case finer
        /// It is too far from 1970 for 64 bits of the unit.
        case outOfRange
    }

    /// One value in `unit`, or why it cannot be given exactly.
    static func value(_ bytes: UnsafeRawBufferPointer, unit: TimeUnit) -> Result<Int64, Refusal> {
        let perUnit = Int128(1_000_000_000 / unit.perSecond)
        let (whole, remainder) = instant(bytes).quotientAndRemainder(dividingBy: perUnit)
        guard remainder == 0 else { return .failure(.finer) }
        guard let value = Int64(exactly: whole) else { return .failure(.outOfRange) }
        return .success(value)
    }

    /// All values of `raw` (12 bytes each) in `unit`; rows that `validity` marks null become 0.
    static func values(
        _ raw: [UInt8], unit: TimeUnit, validity: [Bool]?, columnName: String
    ) throws(ParquetError) -> [Int64] {
        try raw.withBytes { (bytes) throws(ParquetError) -> [Int64] in
            let count = bytes.count / 12
            var values: [Int64] = []
            values.reserveCapacity(count)
            for index in 0..<count {
                if let validity, !validity[index] {
                    values.append(0)
                    continue
                }
                let value = UnsafeRawBufferPointer(rebasing: bytes[(index * 12)..<(index * 12 + 12)])
                switch Self.value(value, unit: unit) {
                case .success(let converted): values.append(converted)
                case .failure(let refusal):
                    throw refused(refusal, value, row: index, unit: unit, columnName: columnName)
                }
            }
            return values
        }
    }

    private static func refused(
        _ refusal: Refusal, _ bytes: UnsafeRawBufferPointer, row: Int, unit: TimeUnit, columnName: String
    ) -> ParquetError {
        let instant = instant(bytes)
        let text: String
        if let exact = Int64(exactly: instant) {
            text = Value.timestamp(exact, .nanoseconds, utc: false).text ?? "\(exact) ns"
        } else if let milliseconds = Int64(exactly: instant / 1_000_000),
            let approximate = Value.timestamp(milliseconds, .milliseconds, utc: false).text
        {
            text = approximate
        } else {
            text = "\(instant) nanoseconds from 1970-01-01"
        }
        switch refusal {
        case .finer:
            var error = ParquetError(
                .invalidArgument,
                "Column '\(columnName)' holds the INT96 timestamp '\(text)' in row \(row), finer than the \(unit.name) "
                    + "it is read at. Read INT96 timestamps at nanoseconds (--int96-unit ns) to keep every digit.")
            error.int96Unit = .nanoseconds
            return error
        case .outOfRange:
            let coarser = TimeUnit.allCases.filter { $0.perSecond < unit.perSecond }.map(\.rawValue)
            let fix =
                coarser.isEmpty
                ? "No unit holds it in 64 bits; the value is likely damaged."
                : "Read INT96 timestamps at a coarser unit (--int96-unit \(coarser.joined(separator: " or ")))."
            var error = ParquetError(
                .invalidArgument,
                "Column '\(columnName)' holds the INT96 timestamp '\(text)' in row \(row), too far from 1970 for "
                    + "64-bit \(unit.name). " + fix)
            error.int96Unit = TimeUnit.allCases.last { $0.perSecond < unit.perSecond }
            return error
        }
    }
}

extension TimeUnit {
    /// `microseconds`, for messages.
    fileprivate var name: String {
        switch self {
        case .milliseconds: "milliseconds"
        case .microseconds: "microseconds"
        case .nanoseconds: "nanoseconds"
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
