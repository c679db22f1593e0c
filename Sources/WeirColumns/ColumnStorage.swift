/// Variable-length byte strings stored back to back: value `i` is `data[offsets[i]..<offsets[i+1]]`.
public struct ByteArrays: Sendable, Hashable {
    /// `count + 1` offsets into `data`, starting at 0 and never decreasing.
    public var offsets: [Int]
    public var data: [UInt8]

    public init() {
        offsets = [0]
        data = []
    }

    public init(offsets: [Int], data: [UInt8]) {
        precondition(offsets.first == 0 && offsets.last == data.count, "ByteArrays offsets must span data")
        self.offsets = offsets
        self.data = data
    }

    public init<S: Sequence>(_ strings: S) where S.Element == String {
        self.init()
        for string in strings { append(string) }
    }

    public var count: Int { offsets.count - 1 }

    public mutating func reserve(values: Int, bytes: Int) {
        offsets.reserveCapacity(values + 1)
        data.reserveCapacity(bytes)
    }

    public mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        data.append(contentsOf: bytes)
        offsets.append(data.count)
    }

    public mutating func append<C: Collection>(contentsOf bytes: C) where C.Element == UInt8 {
        data.append(contentsOf: bytes)
        offsets.append(data.count)
    }

    /// Appends an empty value (used for null slots).
    public mutating func appendEmpty() {
        offsets.append(data.count)
    }

    public subscript(index: Int) -> ArraySlice<UInt8> {
        data[offsets[index]..<offsets[index + 1]]
    }

    /// Value `index` decoded as UTF-8, with invalid sequences repaired.
    public func string(at index: Int) -> String {
        data.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[offsets[index]..<offsets[index + 1]]), as: UTF8.self)
        }
    }
}

/// The physical values of a column. Null slots hold an arbitrary placeholder (zero, false or empty).
public enum ColumnStorage: Sendable, Hashable {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case float([Float])
    case double([Double])
    case bytes(ByteArrays)
    /// `data.count == width × count`.
    case fixedBytes(width: Int, data: [UInt8])
    /// Lists, Arrow-style: row `i` holds the elements `offsets[i]..<offsets[i+1]` of `elements`;
    /// `count + 1` offsets starting at 0 and never decreasing. A null row has an empty range.
    indirect case list(offsets: [Int], elements: Column)
    /// Records: one column of `count` rows per field.
    case structure(count: Int, fields: [Column])
    /// Maps, stored as lists of entries: row `i` holds the pairs `offsets[i]..<offsets[i+1]` of
    /// `keys` and `values`, which have the same length.
    indirect case map(offsets: [Int], keys: Column, values: Column)

    public enum Kind: Sendable, Hashable {
        case boolean, int32, int64, float, double, bytes, fixedBytes, list, structure, map
    }

    public var kind: Kind {
        switch self {
        case .boolean: .boolean
        case .int32: .int32
        case .int64: .int64
        case .float: .float
        case .double: .double
        case .bytes: .bytes
        case .fixedBytes: .fixedBytes
        case .list: .list
        case .structure: .structure
        case .map: .map
        }
    }

    public var count: Int {
        switch self {
        case .boolean(let values): values.count
        case .int32(let values): values.count
        case .int64(let values): values.count
        case .float(let values): values.count
        case .double(let values): values.count
        case .bytes(let values): values.count
        case .fixedBytes(let width, let data): width == 0 ? 0 : data.count / width
        case .list(let offsets, _), .map(let offsets, _, _): offsets.count - 1
        case .structure(let count, _): count
        }
    }

    /// An empty storage of the given kind. A nested kind gives a struct of no fields: use
    /// ``Column/empty(_:)`` for an empty column of a nested type.
    public static func empty(_ kind: Kind, width: Int = 0) -> ColumnStorage {
        switch kind {
        case .boolean: .boolean([])
        case .int32: .int32([])
        case .int64: .int64([])
        case .float: .float([])
        case .double: .double([])
        case .bytes: .bytes(ByteArrays())
        case .fixedBytes: .fixedBytes(width: width, data: [])
        case .list, .structure, .map: .structure(count: 0, fields: [])
        }
    }
}
