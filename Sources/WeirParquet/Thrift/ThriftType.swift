/// The type of a value in the Thrift compact protocol, as field headers and list headers name it.
public enum ThriftType: UInt8, Sendable, Hashable {
    /// A boolean; in a field header the value itself rides in the type nibble (1 true, 2 false).
    case bool = 1
    case i8 = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    /// Bytes or a UTF-8 string, prefixed by a varint length.
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case `struct` = 12

    /// The type of a compact type nibble; both boolean nibbles (1 and 2) map to `.bool`.
    init?(compactNibble nibble: UInt8) {
        if nibble == 2 {
            self = .bool
        } else if let type = ThriftType(rawValue: nibble) {
            self = type
        } else {
            return nil
        }
    }

    /// The smallest number of bytes one value of this type occupies on the wire.
    var minimumEncodedSize: Int {
        self == .double ? 8 : 1
    }
}

/// A field header read from a struct: the field's id and the type of its value.
public struct ThriftField: Sendable, Hashable {
    public var id: Int16
    public var type: ThriftType
}
