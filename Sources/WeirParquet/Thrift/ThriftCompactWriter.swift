/// Writes values in the Thrift compact protocol into a growing byte array.
///
/// A struct is written as ``beginStruct()``, its fields (each a `write…(field:…)` call, or a
/// ``fieldHeader(_:_:)`` followed by a nested struct or list), then ``endStruct()``:
///
/// ```swift
/// var writer = ThriftCompactWriter()
/// writer.beginStruct()
/// writer.writeI32(field: 1, 42)
/// writer.fieldHeader(2, .struct)
/// child.encode(to: &writer)
/// writer.endStruct()
/// ```
public struct ThriftCompactWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    private var lastFieldID: Int16 = 0
    private var fieldIDStack: [Int16] = []

    /// An empty writer.
    public init() {}

    // MARK: Structs

    /// Starts a struct (top-level, or the value of a field or list element just announced).
    public mutating func beginStruct() {
        fieldIDStack.append(lastFieldID)
        lastFieldID = 0
    }

    /// Writes the stop byte that ends the current struct.
    public mutating func endStruct() {
        bytes.append(0)
        lastFieldID = fieldIDStack.popLast() ?? 0
    }

    /// Announces field `id` holding a value of `type`. Booleans use ``writeBool(field:_:)`` instead.
    public mutating func fieldHeader(_ id: Int16, _ type: ThriftType) {
        writeHeader(id, nibble: type.rawValue)
    }

    private mutating func writeHeader(_ id: Int16, nibble: UInt8) {
        let delta = Int(id) - Int(lastFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | nibble)
        } else {
            bytes.append(nibble)
            writeZigZag(Int64(id))
        }
        lastFieldID = id
    }

    // MARK: Fields

    /// Writes field `id` as a boolean, its value folded into the field header.
    public mutating func writeBool(field id: Int16, _ value: Bool) {
        writeHeader(id, nibble: value ? 1 : 2)
    }

    /// Writes field `id` holding one byte.
    public mutating func writeI8(field id: Int16, _ value: Int8) {
        fieldHeader(id, .i8)
        writeI8(value)
    }

    /// Writes field `id` holding a zigzag varint.
    public mutating func writeI16(field id: Int16, _ value: Int16) {
        fieldHeader(id, .i16)
        writeI16(value)
    }

    /// Writes field `id` holding a zigzag varint.
    public mutating func writeI32(field id: Int16, _ value: Int32) {
        fieldHeader(id, .i32)
        writeI32(value)
    }

    /// Writes field `id` holding a zigzag varint.
    public mutating func writeI64(field id: Int16, _ value: Int64) {
        fieldHeader(id, .i64)
        writeI64(value)
    }

    /// Writes field `id` holding 8 little-endian bytes.
    public mutating func writeDouble(field id: Int16, _ value: Double) {
        fieldHeader(id, .double)
        writeDouble(value)
    }

    /// Writes field `id` holding length-prefixed bytes.
    public mutating func writeBinary(field id: Int16, _ value: [UInt8]) {
        fieldHeader(id, .binary)
        writeBinary(value)
    }

    /// Writes field `id` holding length-prefixed UTF-8.
    public mutating func writeString(field id: Int16, _ value: String) {
        fieldHeader(id, .binary)
        writeString(value)
    }

    /// Writes field `id` as a list of `elements`, each written by `element`.
    public mutating func writeList<Element>(
        field id: Int16,
        of type: ThriftType,
        _ elements: [Element],
        _ element: (inout ThriftCompactWriter, Element) -> Void
    ) {
        fieldHeader(id, .list)
        writeListHeader(type, count: elements.count)
        for value in elements { element(&self, value) }
    }

    // MARK: Values (inside lists, or after a field header)

    /// Starts a list of `count` elements of `elementType`; the elements follow.
    public mutating func writeListHeader(_ elementType: ThriftType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    /// A boolean list element: one byte, 1 for true and 2 for false.
    public mutating func writeBool(_ value: Bool) {
        bytes.append(value ? 1 : 2)
    }

    /// One byte.
    public mutating func writeI8(_ value: Int8) {
        bytes.append(UInt8(bitPattern: value))
    }

    /// A zigzag varint.
    public mutating func writeI16(_ value: Int16) {
        writeZigZag(Int64(value))
    }

    /// A zigzag varint.
    public mutating func writeI32(_ value: Int32) {
        writeZigZag(Int64(value))
    }

    /// A zigzag varint.
    public mutating func writeI64(_ value: Int64) {
        writeZigZag(value)
    }

    /// 8 little-endian bytes.
    public mutating func writeDouble(_ value: Double) {
        var bits = value.bitPattern.littleEndian
        withUnsafeBytes(of: &bits) { bytes.append(contentsOf: $0) }
    }

    /// A varint length, then the bytes.
    public mutating func writeBinary(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A varint length, then the UTF-8 bytes.
    public mutating func writeString(_ value: String) {
        writeVarint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    /// An unsigned LEB128 varint.
    public mutating func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private mutating func writeZigZag(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }
}
