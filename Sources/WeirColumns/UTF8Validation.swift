/// Checks that bytes are well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
package enum UTF8Validation {
    /// The offset of the first byte of the first invalid sequence, or `nil` when all are valid.
    @inline(__always)
    package static func firstInvalid(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        var index = 0
        // ASCII runs, eight bytes at a time.
        while index + 8 <= count {
            let word = UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xED:
                length = 3
                high = 0x9F
            case 0xE1...0xEF: length = 3
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= low && second <= high else { return index }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }

    /// The offset of the first byte of the first invalid sequence in `bytes`, or `nil` when all are valid.
    package static func firstInvalid(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        return firstInvalid(base, bytes.count)
    }
}
