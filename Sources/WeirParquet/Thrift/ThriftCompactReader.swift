/// Reads values in the Thrift compact protocol from a byte buffer.
///
/// Every length and count is checked against the bytes that remain, nesting is bounded by
/// `maximumDepth`, and any malformed input throws ``ParquetError`` of kind `.corrupt`; no input
/// makes the reader trap, loop forever or allocate more than the buffer could describe.
///
/// The buffer must stay valid while the reader is used. Structs decode with ``beginStruct()``
/// followed by ``nextField()`` until it returns `nil`:
///
/// ```swift
/// try reader.beginStruct()
/// while let field = try reader.nextField() {
///     switch (field.id, field.type) {
///     case (1, .i32): count = try reader.readI32()
///     default: try reader.skip(field.type)
///     }
/// }
/// ```
public struct ThriftCompactReader {
    /// The nesting depth of structs, lists and maps that no valid Parquet footer comes near.
    public static let defaultMaximumDepth = 64

    private let buffer: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    public private(set) var position: Int
    private var lastFieldID: Int16 = 0
    private var fieldIDStack: [Int16] = []
    private var pendingBool: Bool?
    private var depth = 0
    private let maximumDepth: Int

    /// A reader of `buffer`, which must outlive it.
    public init(_ buffer: UnsafeRawBufferPointer, maximumDepth: Int = ThriftCompactReader.defaultMaximumDepth) {
        self.buffer = buffer
        self.position = 0
        self.maximumDepth = maximumDepth
    }

    /// The number of bytes not read yet.
    public var remaining: Int { buffer.count - position }

    // MARK: Structs

    /// Enters a struct: field ids inside it are deltas from zero.
    public mutating func beginStruct() throws(ParquetError) {
        try enterNesting()
        fieldIDStack.append(lastFieldID)
        lastFieldID = 0
    }

    /// The next field of the current struct, or `nil` at its end (which also leaves the struct).
    public mutating func nextField() throws(ParquetError) -> ThriftField? {
        let header = try readByte()
        if header == 0 {
            lastFieldID = fieldIDStack.popLast() ?? 0
            depth -= 1
            return nil
        }
        let nibble = header & 0x0F
        guard let type = ThriftType(compactNibble: nibble) else {
            throw corrupt("a field header has the unknown type \(nibble)")
        }
        let delta = Int16(header >> 4)
        let id: Int16
        if delta == 0 {
            id = try readI16()
        } else {
            let (sum, overflow) = lastFieldID.addingReportingOverflow(delta)
            guard !overflow else { throw corrupt("a field id overflows") }
            id = sum
        }
        lastFieldID = id
        pendingBool = type == .bool ? (nibble == 1) : nil
        return ThriftField(id: id, type: type)
    }

    // MARK: Scalars

    /// A boolean: the value of a boolean field header, or one byte inside a list.
    public mutating func readBool() throws(ParquetError) -> Bool {
        if let value = pendingBool {
            pendingBool = nil
            return value
        }
        return try readByte() == 1
    }

    /// One byte.
    public mutating func readI8() throws(ParquetError) -> Int8 {
        Int8(bitPattern: try readByte())
    }

    /// A zigzag varint that must fit 16 bits.
    public mutating func readI16() throws(ParquetError) -> Int16 {
        let value = try readZigZag()
        guard let narrow = Int16(exactly: value) else { throw corrupt("an i16 value \(value) is out of range") }
        return narrow
    }

    /// A zigzag varint that must fit 32 bits.
    public mutating func readI32() throws(ParquetError) -> Int32 {
        let value = try readZigZag()
        guard let narrow = Int32(exactly: value) else { throw corrupt("an i32 value \(value) is out of range") }
        return narrow
    }

    /// A zigzag varint.
    public mutating func readI64() throws(ParquetError) -> Int64 {
        try readZigZag()
    }

    /// 8 little-endian bytes.
    public mutating func readDouble() throws(ParquetError) -> Double {
        guard remaining >= 8 else { throw truncated("the 8 bytes of a double") }
        let bits = buffer.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        position += 8
        return Double(bitPattern: UInt64(littleEndian: bits))
    }

    /// Bytes prefixed by their varint length.
    public mutating func readBinary() throws(ParquetError) -> [UInt8] {
        let range = try readBinaryRange()
        return Array(buffer[range])
    }

    /// A UTF-8 string prefixed by its varint length; invalid UTF-8 is repaired.
    public mutating func readString() throws(ParquetError) -> String {
        let range = try readBinaryRange()
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }

    private mutating func readBinaryRange() throws(ParquetError) -> Range<Int> {
        let length = try readVarint()
        guard length <= UInt64(remaining) else {
            throw corrupt("a binary value claims \(length) bytes but only \(remaining) remain")
        }
        let start = position
        position += Int(length)
        return start..<position
    }

    // MARK: Containers

    /// A list or set header: its element type and count, the count checked against the bytes left.
    public mutating func readListHeader() throws(ParquetError) -> (elementType: ThriftType, count: Int) {
        let header = try readByte()
        let nibble = header & 0x0F
        guard let elementType = ThriftType(compactNibble: nibble) else {
            throw corrupt("a list header has the unknown element type \(nibble)")
        }
        var count = UInt64(header >> 4)
        if count == 15 {
            count = try readVarint()
        }
        guard count <= UInt64(remaining / elementType.minimumEncodedSize) else {
            throw corrupt("a list claims \(count) elements but only \(remaining) bytes remain")
        }
        return (elementType, Int(count))
    }

    /// A map header: key and value types and the number of pairs, checked against the bytes left.
    public mutating func readMapHeader() throws(ParquetError) -> (
        keyType: ThriftType, valueType: ThriftType, count: Int
    ) {
        let count = try readVarint()
        guard count > 0 else { return (.i8, .i8, 0) }
        guard count <= UInt64(remaining / 2) else {
            throw corrupt("a map claims \(count) entries but only \(remaining) bytes remain")
        }
        let types = try readByte()
        guard let keyType = ThriftType(compactNibble: types >> 4),
            let valueType = ThriftType(compactNibble: types & 0x0F)
        else { throw corrupt("a map header has unknown key or value types") }
        return (keyType, valueType, Int(count))
    }

    /// Reads a list of `count` elements with `element`, after checking the header's type.
    public mutating func readList<Element>(
        of expected: ThriftType,
        _ element: (inout ThriftCompactReader) throws(ParquetError) -> Element
    ) throws(ParquetError) -> [Element] {
        let (type, count) = try readListHeader()
        guard type == expected || count == 0 else {
            throw corrupt("a list holds \(type) elements where \(expected) elements belong")
        }
        try enterNesting()
        defer { depth -= 1 }
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count {
            elements.append(try element(&self))
        }
        return elements
    }

    // MARK: Skipping

    /// Skips one value of `type`, including nested structs and containers of any depth up to the limit.
    public mutating func skip(_ type: ThriftType) throws(ParquetError) {
        switch type {
        case .bool:
            _ = try readBool()
        case .i8:
            _ = try readByte()
        case .i16, .i32, .i64:
            _ = try readVarint()
        case .double:
            guard remaining >= 8 else { throw truncated("the 8 bytes of a double") }
            position += 8
        case .binary:
            _ = try readBinaryRange()
        case .list, .set:
            let (elementType, count) = try readListHeader()
            try enterNesting()
            for _ in 0..<count { try skip(elementType) }
            depth -= 1
        case .map:
            let (keyType, valueType, count) = try readMapHeader()
            try enterNesting()
            for _ in 0..<count {
                try skip(keyType)
                try skip(valueType)
            }
            depth -= 1
        case .struct:
            try beginStruct()
            while let field = try nextField() {
                try skip(field.type)
            }
        }
    }

    // MARK: Primitives

    private mutating func enterNesting() throws(ParquetError) {
        guard depth < maximumDepth else {
            throw corrupt("structures nest deeper than \(maximumDepth) levels")
        }
        depth += 1
    }

    private mutating func readByte() throws(ParquetError) -> UInt8 {
        guard position < buffer.count else { throw truncated("a byte") }
        let byte = buffer[position]
        position += 1
        return byte
    }

    /// An unsigned LEB128 varint of at most ten bytes.
    public mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            if shift == 63 && byte > 1 { throw corrupt("a varint overflows 64 bits") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    private mutating func readZigZag() throws(ParquetError) -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    private func truncated(_ what: String) -> ParquetError {
        corrupt("it ends before \(what) it needs, so the file is truncated or damaged")
    }

    private func corrupt(_ detail: String) -> ParquetError {
        // The position counts from the start of the struct being read (the footer, a page header),
        // which the caller's location names in the file.
        .corrupt("The Thrift metadata is invalid \(position) byte\(position == 1 ? "" : "s") in: \(detail).")
    }
}
