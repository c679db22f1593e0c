import WeirColumns

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How the min and max statistics of a column compare values, following the sort order the
/// Parquet specification defines for the column's logical and physical types.
enum StatisticsOrder: Sendable, Hashable {
    /// Two's complement integers (INT32, INT64, DATE, TIMESTAMP, DECIMAL on integers).
    case signed
    /// Integers compared as unsigned (UINT_8 … UINT_64).
    case unsigned
    /// IEEE floats: NaN ignored, zeros written as -0.0 for a min and +0.0 for a max.
    case floatingPoint
    /// `false < true`.
    case boolean
    /// Unsigned byte-wise comparison (strings, binary, fixed binary).
    case bytes
    /// Big-endian two's complement numbers of any length (DECIMAL on byte arrays).
    case decimalBytes

    init(type: ColumnType, storage: ColumnStorage.Kind) {
        switch (type, storage) {
        case (.boolean, _): self = .boolean
        case (.float32, _), (.float64, _): self = .floatingPoint
        case (.int(_, signed: false), _): self = .unsigned
        case (.decimal, .bytes), (.decimal, .fixedBytes): self = .decimalBytes
        case (_, .bytes), (_, .fixedBytes): self = .bytes
        default: self = .signed
        }
    }

    /// Whether the deprecated `min` and `max` fields, which old readers compare as signed numbers
    /// of the physical type, may carry the same bounds.
    var isSigned: Bool {
        switch self {
        case .signed, .floatingPoint, .boolean: true
        case .unsigned, .bytes, .decimalBytes: false
        }
    }

    /// Whether `lhs` sorts before `rhs` for the byte orders.
    static func less(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer, decimal: Bool) -> Bool {
        decimal ? decimalLess(lhs, rhs) : bytesLess(lhs, rhs)
    }

    static func bytesLess(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        let common = min(lhs.count, rhs.count)
        if common > 0 {
            let order = memcmp(lhs.baseAddress!, rhs.baseAddress!, common)
            if order != 0 { return order < 0 }
        }
        return lhs.count < rhs.count
    }

    /// Compares big-endian two's complement integers of possibly different lengths by value.
    static func decimalLess(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        let lhsNegative = (lhs.first ?? 0) & 0x80 != 0
        let rhsNegative = (rhs.first ?? 0) & 0x80 != 0
        if lhsNegative != rhsNegative { return lhsNegative }
        // Same sign: sign-extend the shorter one and compare the bytes unsigned.
        let fill: UInt8 = lhsNegative ? 0xFF : 0x00
        let length = max(lhs.count, rhs.count)
        let lhsPad = length - lhs.count
        let rhsPad = length - rhs.count
        for index in 0..<length {
            let left = index < lhsPad ? fill : lhs[index - lhsPad]
            let right = index < rhsPad ? fill : rhs[index - rhsPad]
            if left != right { return left < right }
        }
        return false
    }
}
