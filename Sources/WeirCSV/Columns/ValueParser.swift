import WeirColumns

/// How the text of one column becomes values: the reading side of a ``ColumnType``.
enum ValueParser: Sendable, Hashable {
    case boolean
    case integer(bits: Int, signed: Bool)
    case float32
    case float64
    /// UTF-8 text, validated.
    case string
    /// Bytes as they are.
    case binary
    case date
    case timestamp(TimeUnit, utc: Bool)
    case decimal(precision: Int, scale: Int)

    /// The parser for `type`, or `nil` for types CSV text cannot hold.
    init?(_ type: ColumnType) {
        switch type {
        case .boolean: self = .boolean
        case .int(let bits, let signed):
            guard [8, 16, 32, 64].contains(bits) else { return nil }
            self = .integer(bits: bits, signed: signed)
        case .float32: self = .float32
        case .float64: self = .float64
        case .string: self = .string
        case .binary: self = .binary
        case .date: self = .date
        case .timestamp(let unit, let utc): self = .timestamp(unit, utc: utc)
        case .decimal(let precision, let scale):
            guard precision >= 1, precision <= 38, scale >= 0, scale <= precision else { return nil }
            self = .decimal(precision: precision, scale: scale)
        case .fixedBinary, .list, .structure, .map: return nil
        }
    }
}

/// Recognises the unquoted values that stand for null.
struct NullMatcher: Sendable {
    /// Bit `n` is set when some null string has `n` bytes (for n < 64).
    private let lengths: UInt64
    let values: [[UInt8]]
    private let hasLong: Bool

    init(_ strings: [String]) {
        values = strings.map { Array($0.utf8) }
        var lengths: UInt64 = 0
        var hasLong = false
        for value in values {
            if value.count < 64 { lengths |= 1 << UInt64(value.count) } else { hasLong = true }
        }
        self.lengths = lengths
        self.hasLong = hasLong
    }

    @inline(__always)
    func matches(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if count < 64 {
            if lengths & (1 << UInt64(count)) == 0 { return false }
        } else if !hasLong {
            return false
        }
        return slowMatches(bytes, count)
    }

    private func slowMatches(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        for value in values where value.count == count {
            if count == 0 { return true }
            if value.withUnsafeBufferPointer({ memcmpEqual($0.baseAddress!, bytes, count) }) { return true }
        }
        return false
    }
}

@inline(__always)
func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    for index in 0..<count where a[index] != b[index] { return false }
    return true
}
