import WeirColumns

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Encodes the key columns of each row as bytes whose byte order is the rows' order, so that
/// sorting, merging and grouping compare rows with one `memcmp` and hash them as plain bytes.
///
/// Each key column gives a flag byte (null or not) and, for a value, its bytes: integers big-endian
/// with the sign bit flipped, floating point numbers by their bits made orderable (NaN last and
/// equal to every NaN, -0 equal to 0), text with its zero bytes escaped and two zero bytes after
/// it, decimals held as big-endian bytes sign-extended to 16 bytes with the sign bit flipped. A
/// descending column's bytes are inverted.
public struct KeyEncoder: Sendable {
    struct Part: Sendable {
        var index: Int
        var descending: Bool
        var nullsFirst: Bool
        var unsigned: Bool
        /// A decimal held as big-endian two's complement bytes.
        var decimalBytes: Bool
    }

    let parts: [Part]

    /// An encoder of `keys`, which must name columns of `schema`.
    /// - Throws: `ComputeError` naming an unknown column.
    public init(_ keys: [SortKey], schema: Schema) throws {
        parts = try keys.map { key in
            let index = try schema.requireFlatIndex(of: key.column, for: "sorting, grouping or merging")
            var unsigned = false
            if case .int(_, signed: false) = schema.fields[index].type { unsigned = true }
            var decimal = false
            if case .decimal = schema.fields[index].type { decimal = true }
            return Part(
                index: index, descending: key.descending, nullsFirst: key.nullsFirst, unsigned: unsigned,
                decimalBytes: decimal)
        }
    }

    /// The keys of every row of `batch`, encoded a column at a time.
    public func encode(_ batch: RecordBatch) -> EncodedKeys {
        let rows = batch.rowCount
        // First the length of every row's key, then each column's bytes at each row's position.
        var lengths = [Int](repeating: 0, count: rows)
        for part in parts { Self.addLengths(batch.columns[part.index], part, to: &lengths) }
        var offsets = [Int](repeating: 0, count: rows + 1)
        for row in 0..<rows { offsets[row + 1] = offsets[row] + lengths[row] }
        let total = offsets[rows]
        var positions = Array(offsets.dropLast())
        let bytes = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            for part in parts {
                Self.write(batch.columns[part.index], part, into: buffer, positions: &positions)
            }
            initialized = total
        }
        var keys = EncodedKeys()
        keys.bytes = bytes
        keys.offsets = offsets
        return keys
    }

    private static func addLengths(_ column: Column, _ part: Part, to lengths: inout [Int]) {
        let validity = column.validity
        switch column.storage {
        case .bytes where part.decimalBytes:
            for row in lengths.indices { lengths[row] += validity?[row] ?? true ? 1 + decimalWidth : 1 }
        case .bytes(let values):
            values.data.withUnsafeBufferPointer { data in
                // Text rarely holds a zero byte; then every value's length is known without a look at its bytes.
                let anyZero = data.count > 0 && memchr(data.baseAddress!, 0, data.count) != nil
                for row in lengths.indices {
                    guard validity?[row] ?? true else {
                        lengths[row] += 1
                        continue
                    }
                    guard anyZero else {
                        lengths[row] += 3 + values.offsets[row + 1] - values.offsets[row]
                        continue
                    }
                    var zeros = 0
                    for position in values.offsets[row]..<values.offsets[row + 1] where data[position] == 0 {
                        zeros += 1
                    }
                    lengths[row] += 3 + values.offsets[row + 1] - values.offsets[row] + zeros
                }
            }
        default:
            let width = valueWidth(column.storage)
            if let validity {
                for row in lengths.indices { lengths[row] += validity[row] ? 1 + width : 1 }
            } else {
                for row in lengths.indices { lengths[row] += 1 + width }
            }
        }
    }

    /// The width of a decimal's key bytes: any decimal of up to 38 digits fits.
    static let decimalWidth = 16

    /// Writes a big-endian two's complement integer of up to 16 bytes as 16 bytes that sort in
    /// the integers' order: sign-extended, sign bit flipped.
    @inline(__always)
    static func writeDecimal(_ source: UnsafeBufferPointer<UInt8>, into target: UnsafeMutableBufferPointer<UInt8>) {
        let negative = source.first.map { $0 & 0x80 != 0 } ?? false
        let used = min(source.count, decimalWidth)
        let pad = decimalWidth - used
        for index in 0..<pad { target[index] = negative ? 0xFF : 0 }
        for index in 0..<used { target[pad + index] = source[source.count - used + index] }
        target[0] ^= 0x80
    }

    private static func valueWidth(_ storage: ColumnStorage) -> Int {
        switch storage {
        case .boolean: 1
        case .int32: 4
        case .int64, .float, .double: 8
        case .bytes: 0
        case .fixedBytes(let width, _): width
        // Nested columns are refused as keys (see `init`); only their null flag would be written.
        case .list, .structure, .map: 0
        }
    }

    /// Writes one column's part of every row's key at `positions`, moving them past it.
    private static func write(
        _ column: Column, _ part: Part, into buffer: UnsafeMutableBufferPointer<UInt8>, positions: inout [Int]
    ) {
        let validity = column.validity
        let nullFlag: UInt8 = part.nullsFirst != part.descending ? 0 : 2
        let storage = column.storage
        func fixed(_ width: Int, _ value: (Int) -> UInt64) {
            for row in positions.indices {
                var position = positions[row]
                let start = position
                if validity?[row] ?? true {
                    buffer[position] = 1
                    position += 1
                    let bits = value(row)
                    var shift = (width - 1) * 8
                    while shift >= 0 {
                        buffer[position] = UInt8(truncatingIfNeeded: bits >> UInt64(shift))
                        position += 1
                        shift -= 8
                    }
                } else {
                    buffer[position] = nullFlag
                    position += 1
                }
                if part.descending { for index in start..<position { buffer[index] = ~buffer[index] } }
                positions[row] = position
            }
        }
        switch storage {
        case .boolean(let values): fixed(1) { values[$0] ? 1 : 0 }
        case .int32(let values):
            let flip: UInt32 = part.unsigned ? 0 : 0x8000_0000
            fixed(4) { UInt64(UInt32(bitPattern: values[$0]) ^ flip) }
        case .int64(let values):
            let flip: UInt64 = part.unsigned ? 0 : 0x8000_0000_0000_0000
            values.withUnsafeBufferPointer { values in fixed(8) { UInt64(bitPattern: values[$0]) ^ flip } }
        case .float(let values): fixed(8) { orderable(Double(values[$0])) }
        case .double(let values): values.withUnsafeBufferPointer { values in fixed(8) { orderable(values[$0]) } }
        case .bytes(let values) where part.decimalBytes:
            values.data.withUnsafeBufferPointer { data in
                for row in positions.indices {
                    var position = positions[row]
                    let start = position
                    if validity?[row] ?? true {
                        buffer[position] = 1
                        position += 1
                        let range = values.offsets[row]..<values.offsets[row + 1]
                        writeDecimal(
                            UnsafeBufferPointer(rebasing: data[range]),
                            into: UnsafeMutableBufferPointer(rebasing: buffer[position..<(position + decimalWidth)]))
                        position += decimalWidth
                    } else {
                        buffer[position] = nullFlag
                        position += 1
                    }
                    if part.descending { for index in start..<position { buffer[index] = ~buffer[index] } }
                    positions[row] = position
                }
            }
        case .bytes(let values):
            values.data.withUnsafeBufferPointer { data in
                let anyZero = data.count > 0 && memchr(data.baseAddress!, 0, data.count) != nil
                for row in positions.indices {
                    var position = positions[row]
                    let start = position
                    if validity?[row] ?? true {
                        buffer[position] = 1
                        position += 1
                        let range = values.offsets[row]..<values.offsets[row + 1]
                        if !anyZero, !range.isEmpty {
                            // Nothing to escape: copy the value whole.
                            (buffer.baseAddress! + position).initialize(
                                from: data.baseAddress! + range.lowerBound, count: range.count)
                            position += range.count
                        }
                        for index in anyZero ? range : range.upperBound..<range.upperBound {
                            let byte = data[index]
                            buffer[position] = byte
                            position += 1
                            if byte == 0 {
                                buffer[position] = 1
                                position += 1
                            }
                        }
                        buffer[position] = 0
                        buffer[position + 1] = 0
                        position += 2
                    } else {
                        buffer[position] = nullFlag
                        position += 1
                    }
                    if part.descending { for index in start..<position { buffer[index] = ~buffer[index] } }
                    positions[row] = position
                }
            }
        case .fixedBytes(let width, let data):
            for row in positions.indices {
                var position = positions[row]
                let start = position
                if validity?[row] ?? true {
                    buffer[position] = 1
                    position += 1
                    let first = position
                    for index in (row * width)..<((row + 1) * width) {
                        buffer[position] = data[index]
                        position += 1
                    }
                    // Two's complement bytes order as integers with the sign bit flipped.
                    if part.decimalBytes && width > 0 { buffer[first] ^= 0x80 }
                } else {
                    buffer[position] = nullFlag
                    position += 1
                }
                if part.descending { for index in start..<position { buffer[index] = ~buffer[index] } }
                positions[row] = position
            }
        case .list, .structure, .map:
            fixed(0) { _ in 0 }
        }
    }

    /// Appends the key of `row` of `batch` to `bytes`.
    @inline(__always)
    public func append(_ row: Int, of batch: RecordBatch, to bytes: inout [UInt8]) {
        for part in parts {
            let start = bytes.count
            let column = batch.columns[part.index]
            if column.isNull(row) {
                // 0 sorts before the valid flag 1, 2 after it; inverted below when descending.
                bytes.append(part.nullsFirst != part.descending ? 0 : 2)
            } else {
                bytes.append(1)
                Self.appendValue(
                    column.storage, row, unsigned: part.unsigned, decimalBytes: part.decimalBytes, to: &bytes)
            }
            if part.descending {
                for position in start..<bytes.count { bytes[position] = ~bytes[position] }
            }
        }
    }

    @inline(__always)
    static func appendValue(
        _ storage: ColumnStorage, _ row: Int, unsigned: Bool, decimalBytes: Bool = false, to bytes: inout [UInt8]
    ) {
        switch storage {
        case .bytes(let values) where decimalBytes:
            let start = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: decimalWidth))
            values.data.withUnsafeBufferPointer { data in
                bytes.withUnsafeMutableBufferPointer { target in
                    writeDecimal(
                        UnsafeBufferPointer(rebasing: data[values.offsets[row]..<values.offsets[row + 1]]),
                        into: UnsafeMutableBufferPointer(rebasing: target[start...]))
                }
            }
        case .boolean(let values):
            bytes.append(values[row] ? 1 : 0)
        case .int32(let values):
            appendBigEndian(UInt64(UInt32(bitPattern: values[row]) ^ (unsigned ? 0 : 0x8000_0000)), width: 4, &bytes)
        case .int64(let values):
            appendBigEndian(UInt64(bitPattern: values[row]) ^ (unsigned ? 0 : 0x8000_0000_0000_0000), width: 8, &bytes)
        case .float(let values):
            appendBigEndian(orderable(Double(values[row])), width: 8, &bytes)
        case .double(let values):
            appendBigEndian(orderable(values[row]), width: 8, &bytes)
        case .bytes(let values):
            let data = values.data
            for position in values.offsets[row]..<values.offsets[row + 1] {
                let byte = data[position]
                bytes.append(byte)
                if byte == 0 { bytes.append(1) }
            }
            bytes.append(0)
            bytes.append(0)
        case .fixedBytes(let width, let data):
            let start = bytes.count
            bytes.append(contentsOf: data[(row * width)..<((row + 1) * width)])
            if decimalBytes && width > 0 { bytes[start] ^= 0x80 }
        case .list, .structure, .map:
            break
        }
    }

    /// The bits of `value` as an unsigned integer ordered like the numbers, NaN above infinity.
    @inline(__always)
    static func orderable(_ value: Double) -> UInt64 {
        if value.isNaN { return UInt64.max }
        let bits = (value == 0 ? 0.0 : value).bitPattern
        return bits & 0x8000_0000_0000_0000 != 0 ? ~bits : bits | 0x8000_0000_0000_0000
    }

    @inline(__always)
    static func appendBigEndian(_ value: UInt64, width: Int, _ bytes: inout [UInt8]) {
        var shift = (width - 1) * 8
        while shift >= 0 {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
            shift -= 8
        }
    }
}

/// The encoded keys of a batch's rows: key `i` is `bytes[offsets[i]..<offsets[i + 1]]`.
public struct EncodedKeys: Sendable {
    public var bytes: [UInt8] = []
    public var offsets: [Int] = [0]

    public var count: Int { offsets.count - 1 }

    /// -1, 0 or 1 as key `i` sorts before, with or after key `j` of `other`.
    @inline(__always)
    public func compare(_ i: Int, _ other: EncodedKeys, _ j: Int) -> Int {
        let a = offsets[i]..<offsets[i + 1]
        let b = other.offsets[j]..<other.offsets[j + 1]
        return bytes.withUnsafeBufferPointer { x in
            other.bytes.withUnsafeBufferPointer { y in
                Self.compare(UnsafeBufferPointer(rebasing: x[a]), UnsafeBufferPointer(rebasing: y[b]))
            }
        }
    }

    /// -1, 0 or 1 in unsigned byte order.
    @inline(__always)
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return order < 0 ? -1 : 1 }
        }
        return a.count < b.count ? -1 : (a.count == b.count ? 0 : 1)
    }

    /// The row order that sorts the keys; equal keys keep their order.
    public func sortedOrder() -> [Int] {
        var order = Array(0..<count)
        bytes.withUnsafeBufferPointer { data in
            offsets.withUnsafeBufferPointer { offsets in
                order.sort { i, j in
                    let a = UnsafeBufferPointer(rebasing: data[offsets[i]..<offsets[i + 1]])
                    let b = UnsafeBufferPointer(rebasing: data[offsets[j]..<offsets[j + 1]])
                    let order = Self.compare(a, b)
                    return order != 0 ? order < 0 : i < j
                }
            }
        }
        return order
    }
}
