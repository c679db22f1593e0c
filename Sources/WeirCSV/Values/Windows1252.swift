/// Text in Windows-1252 (the Latin-1 that Windows instruments write, as browsers read "latin1"),
/// converted to UTF-8 as it is read.
enum Windows1252 {
    /// The code points of bytes 0x80…0x9F, where Windows-1252 differs from ISO 8859-1 (the five
    /// undefined bytes keep their C1 control code points).
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// Appends the UTF-8 form of `bytes[0..<count]` to `output`.
    static func appendUTF8(_ bytes: UnsafePointer<UInt8>, _ count: Int, to output: inout [UInt8]) {
        for index in 0..<count {
            let byte = bytes[index]
            if byte < 0x80 {
                output.append(byte)
                continue
            }
            let scalar = byte < 0xA0 ? high[Int(byte) - 0x80] : UInt32(byte)
            if scalar < 0x800 {
                output.append(UInt8(0xC0 | (scalar >> 6)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                output.append(UInt8(0xE0 | (scalar >> 12)))
                output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
    }

    /// `bytes[0..<count]` as a string.
    static func string(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(count + count / 2)
        appendUTF8(bytes, count, to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
