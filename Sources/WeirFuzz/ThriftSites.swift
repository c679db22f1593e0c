/// The places in Thrift compact-protocol bytes worth corrupting: field headers, integers, lengths
/// and list headers, found by walking the bytes without the reader's help.
///
/// The walk is the fuzzer's own, so a reader bug is not mirrored here; it stops quietly at the
/// first byte it cannot make sense of and keeps what it found before.
public struct ThriftSites: Sendable {
    public enum Kind: Sendable, Hashable {
        /// A field header byte: id delta in the high nibble, type in the low.
        case fieldHeader
        /// A zigzag varint holding an i16, i32 or i64 value.
        case integer
        /// A plain varint holding the byte length of a string or binary.
        case length
        /// A list or set header byte (count in the high nibble, element type in the low).
        case listHeader
        /// A plain varint holding the element count of a list, set or map.
        case count
    }

    public struct Site: Sendable, Hashable {
        public var kind: Kind
        /// Where the site starts, relative to the walked bytes.
        public var offset: Int
        /// How many bytes it takes.
        public var length: Int
        /// The field ids leading to it from the outermost struct, e.g. `[5, 1]`.
        public var path: [Int16]
        /// The decoded value of a varint (zigzag decoded for integers).
        public var value: Int64
    }

    public private(set) var sites: [Site] = []
    /// Where the outermost struct ends, or `nil` when the walk stopped early.
    public private(set) var end: Int?

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    /// Walks one struct starting at `offset` of `bytes`.
    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        position = offset
        if (try? walkStruct(path: [])) != nil { end = position }
    }

    private struct Stop: Error {}

    private mutating func byte() throws(Stop) -> UInt8 {
        guard position < bytes.count else { throw Stop() }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func varint() throws(Stop) -> (value: UInt64, start: Int, length: Int) {
        let start = position
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            if shift < 64 { value |= UInt64(next & 0x7F) << shift }
            if next & 0x80 == 0 { break }
            shift += 7
            if shift > 70 { throw Stop() }
        }
        return (value, start, position - start)
    }

    private mutating func record(_ kind: Kind, _ read: (value: UInt64, start: Int, length: Int), _ path: [Int16]) {
        let value =
            kind == .integer
            ? Int64(bitPattern: (read.value >> 1) ^ (0 &- (read.value & 1))) : Int64(bitPattern: read.value)
        sites.append(Site(kind: kind, offset: read.start, length: read.length, path: path, value: value))
    }

    private mutating func walkStruct(path: [Int16]) throws(Stop) {
        depth += 1
        defer { depth -= 1 }
        guard depth < 32 else { throw Stop() }
        var lastID: Int16 = 0
        while true {
            let start = position
            let header = try byte()
            if header == 0 { return }
            let type = header & 0x0F
            if header >> 4 == 0 {
                let id = try varint()
                lastID = Int16(truncatingIfNeeded: Int64(bitPattern: (id.value >> 1) ^ (0 &- (id.value & 1))))
            } else {
                lastID &+= Int16(header >> 4)
            }
            sites.append(Site(kind: .fieldHeader, offset: start, length: 1, path: path + [lastID], value: Int64(type)))
            try walkValue(type: type, path: path + [lastID])
        }
    }

    private mutating func walkValue(type: UInt8, path: [Int16]) throws(Stop) {
        switch type {
        case 1, 2: return
        case 3: _ = try byte()
        case 4, 5, 6: record(.integer, try varint(), path)
        case 7:
            guard position + 8 <= bytes.count else { throw Stop() }
            position += 8
        case 8:
            let length = try varint()
            record(.length, length, path)
            guard length.value <= UInt64(bytes.count - position) else { throw Stop() }
            position += Int(length.value)
        case 9, 10:
            let start = position
            let header = try byte()
            sites.append(Site(kind: .listHeader, offset: start, length: 1, path: path, value: Int64(header)))
            var count = UInt64(header >> 4)
            if count == 15 {
                let read = try varint()
                record(.count, read, path)
                count = read.value
            }
            // A list element takes at least a byte (bools in a list take one each).
            guard count <= UInt64(bytes.count - position) else { throw Stop() }
            for _ in 0..<count { try walkValue(type: Self.element(header & 0x0F), path: path) }
        case 11:
            let read = try varint()
            record(.count, read, path)
            guard read.value > 0 else { return }
            guard read.value <= UInt64(bytes.count - position) else { throw Stop() }
            let types = try byte()
            for _ in 0..<read.value {
                try walkValue(type: Self.element(types >> 4), path: path)
                try walkValue(type: Self.element(types & 0x0F), path: path)
            }
        case 12:
            try walkStruct(path: path)
        default:
            throw Stop()
        }
    }

    /// The type of a container element as a value: booleans in containers take a byte each.
    private static func element(_ type: UInt8) -> UInt8 { type == 1 || type == 2 ? 3 : type }
}
