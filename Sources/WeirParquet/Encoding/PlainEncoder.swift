/// Writes Parquet's PLAIN encoding of the non-null values of a page.
///
/// Every function takes the page's slice of a column's storage and, for an optional column, the
/// matching validity flags (`true` where the row has a value); null rows are skipped.
enum PlainEncoder {
    /// Fixed-width numbers in little-endian order: a copy of the storage when nothing is null.
    static func encode<T: BitwiseCopyable>(
        _ values: UnsafeBufferPointer<T>,
        validity: UnsafeBufferPointer<Bool>?,
        into output: inout EncoderOutput
    ) {
        guard let validity else {
            output.append(UnsafeRawBufferPointer(values))
            return
        }
        precondition(validity.count == values.count, "validity must cover the values")
        let size = MemoryLayout<T>.stride
        // Copy runs of consecutive valid values at once.
        var index = 0
        let count = values.count
        while index < count {
            while index < count && !validity[index] { index += 1 }
            let start = index
            while index < count && validity[index] { index += 1 }
            if index > start {
                output.append(UnsafeRawBufferPointer(start: values.baseAddress! + start, count: (index - start) * size))
            }
        }
    }

    /// Booleans bit-packed eight to a byte, least significant bit first.
    static func encodeBooleans(
        _ values: UnsafeBufferPointer<Bool>,
        validity: UnsafeBufferPointer<Bool>?,
        into output: inout EncoderOutput
    ) {
        var start = 0
        if validity == nil, let base = values.baseAddress {
            // A Bool is one byte holding 0 or 1: multiplying eight of them read as one integer
            // gathers bit 0 of byte i into bit 56 + i.
            let whole = values.count / 8
            precondition(whole <= output.remaining, "encoder output bound exceeded")
            let target = output.cursor
            let raw = UnsafeRawPointer(base)
            for group in 0..<whole {
                let word = raw.loadUnaligned(fromByteOffset: group * 8, as: UInt64.self).littleEndian
                target.storeBytes(
                    of: UInt8(truncatingIfNeeded: (word &* 0x0102_0408_1020_4080) >> 56), toByteOffset: group,
                    as: UInt8.self)
            }
            output.advance(by: whole)
            start = whole * 8
        }
        var byte: UInt8 = 0
        var bit: UInt8 = 0
        for index in start..<values.count {
            if let validity, !validity[index] { continue }
            if values[index] { byte |= 1 << bit }
            bit += 1
            if bit == 8 {
                output.append(byte)
                byte = 0
                bit = 0
            }
        }
        if bit > 0 { output.append(byte) }
    }

    /// Byte arrays, each preceded by its length as a four-byte little-endian integer.
    ///
    /// `offsets` has one more entry than there are values; value `i` is
    /// `data[offsets[i]..<offsets[i + 1]]`.
    static func encodeByteArrays(
        offsets: UnsafeBufferPointer<Int>,
        data: UnsafeRawBufferPointer,
        validity: UnsafeBufferPointer<Bool>?,
        into output: inout EncoderOutput
    ) {
        let count = offsets.count - 1
        guard count > 0 else { return }
        let base = data.baseAddress
        for index in 0..<count {
            if let validity, !validity[index] { continue }
            let start = offsets[index]
            let length = offsets[index + 1] - start
            output.appendLittleEndian(UInt32(truncatingIfNeeded: length))
            if length > 0 { output.append(UnsafeRawBufferPointer(start: base! + start, count: length)) }
        }
    }

    /// Fixed-length byte arrays of `width` bytes, back to back.
    static func encodeFixedBytes(
        _ data: UnsafeRawBufferPointer,
        width: Int,
        validity: UnsafeBufferPointer<Bool>?,
        into output: inout EncoderOutput
    ) {
        guard let validity else {
            output.append(data)
            return
        }
        guard let base = data.baseAddress else { return }
        for index in validity.indices where validity[index] {
            output.append(UnsafeRawBufferPointer(start: base + index * width, count: width))
        }
    }

    /// The size of the encoded byte arrays `offsets` describe, assuming none is null.
    static func byteArraysSize(offsets: UnsafeBufferPointer<Int>) -> Int {
        guard let first = offsets.first, let last = offsets.last else { return 0 }
        return (offsets.count - 1) * 4 + (last - first)
    }
}
