/// The little-endian base-128 length that starts every Snappy block.
enum SnappyVarint {
    static func write(_ value: UInt32, to output: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        var value = value
        var output = output
        while value >= 0x80 {
            output.storeBytes(of: UInt8(truncatingIfNeeded: value) | 0x80, as: UInt8.self)
            output += 1
            value >>= 7
        }
        output.storeBytes(of: UInt8(value), as: UInt8.self)
        return output + 1
    }

    /// Reads the length at the start of `input`: the value and how many bytes it took.
    static func read(_ input: UnsafeRawBufferPointer) throws(CompressionError) -> (value: Int, size: Int) {
        var value = 0
        for index in 0..<min(5, input.count) {
            let byte = Int(input[index])
            value |= (byte & 0x7f) << (7 * index)
            if byte < 0x80 {
                guard value <= Int(UInt32.max) else {
                    throw CompressionError.corrupt(.snappy, "its length preamble '\(value)' exceeds 32 bits")
                }
                return (value, index + 1)
            }
        }
        if input.count < 5 {
            throw CompressionError.corrupt(.snappy, "it ends inside its length preamble after \(input.count) bytes")
        }
        throw CompressionError.corrupt(.snappy, "its length preamble is longer than 5 bytes")
    }
}
