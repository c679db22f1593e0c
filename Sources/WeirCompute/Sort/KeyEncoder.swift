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
/// it. A descending column's bytes are inverted.
public struct KeyEncoder: Sendable {
    struct Part: Sendable {
        var index: Int
        var descending: Bool
        var nullsFirst: Bool
        var unsigned: Bool
    }

    let parts: [Part]

    /// An encoder of `keys`, which must name columns of `schema`.
    /// - Throws: `ComputeError` naming an unknown column.
    public init(_ keys: [SortKey], schema: Schema) throws {
        parts = try keys.map { key in
            let index = try schema.requireIndex(of: key.column)
            var unsigned = false
            if case .int(_, signed: false) = schema.fields[index].type { unsigned = true }
            return Part(index: index, descending: key.descending, nullsFirst: key.nullsFirst, unsigned: unsigned)
        }
    }

    /// The keys of every row of `batch`.
    public func encode(_ batch: RecordBatch) -> EncodedKeys {
        var keys = EncodedKeys()
        keys.offsets.reserveCapacity(batch.rowCount + 1)
        keys.bytes.reserveCapacity(batch.rowCount * parts.count * 9)
        for row in 0..<batch.rowCount {
            append(row, of: batch, to: &keys.bytes)
            keys.offsets.append(keys.bytes.count)
        }
        return keys
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
                Self.appendValue(column.storage, row, unsigned: part.unsigned, to: &bytes)
            }
            if part.descending {
                for position in start..<bytes.count { bytes[position] = ~bytes[position] }
            }
        }
    }

    @inline(__always)
    static func appendValue(_ storage: ColumnStorage, _ row: Int, unsigned: Bool, to bytes: inout [UInt8]) {
        switch storage {
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
            bytes.append(contentsOf: data[(row * width)..<((row + 1) * width)])
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
