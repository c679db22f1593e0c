extension ThriftCompactReader {
    /// `value`, or a `.corrupt` error naming the required field that the struct lacked.
    static func required<T>(_ value: T?, _ field: String, of structName: String) throws(ParquetError) -> T {
        guard let value else {
            throw ParquetError.corrupt("The Thrift struct '\(structName)' lacks its required field '\(field)'.")
        }
        return value
    }

    /// A list of i32 enum numbers mapped through `transform`.
    mutating func readEnumList<E>(_ transform: (Int32) -> E) throws(ParquetError) -> [E] {
        try readList(of: .i32) { (reader: inout ThriftCompactReader) throws(ParquetError) in
            transform(try reader.readI32())
        }
    }

    /// A list of strings.
    mutating func readStringList() throws(ParquetError) -> [String] {
        try readList(of: .binary) { (reader: inout ThriftCompactReader) throws(ParquetError) in
            try reader.readString()
        }
    }

    /// A list of structs decoded by `T.init(from:)`.
    mutating func readStructList<T: ThriftDecodable>(_ type: T.Type) throws(ParquetError) -> [T] {
        try readList(of: .struct) { (reader: inout ThriftCompactReader) throws(ParquetError) in
            try T(from: &reader)
        }
    }
}

/// A Thrift struct that decodes itself from the compact protocol.
public protocol ThriftDecodable {
    init(from reader: inout ThriftCompactReader) throws(ParquetError)
}

/// A Thrift struct that encodes itself in the compact protocol.
public protocol ThriftEncodable {
    func encode(to writer: inout ThriftCompactWriter)
}

extension ThriftDecodable {
    /// Decodes one value from the start of `bytes`.
    public static func decode(_ bytes: [UInt8]) throws(ParquetError) -> Self {
        try withUnsafeBytesTyped(of: bytes) { (buffer) throws(ParquetError) -> Self in
            var reader = ThriftCompactReader(buffer)
            return try Self(from: &reader)
        }
    }
}

extension ThriftEncodable {
    /// The value encoded alone.
    public var thriftBytes: [UInt8] {
        var writer = ThriftCompactWriter()
        encode(to: &writer)
        return writer.bytes
    }
}

extension ThriftCompactWriter {
    /// Writes field `id` as a list of structs.
    mutating func writeStructList<T: ThriftEncodable>(field id: Int16, _ values: [T]) {
        writeList(field: id, of: .struct, values) { writer, value in value.encode(to: &writer) }
    }

    /// Writes field `id` as a nested struct.
    mutating func writeStruct<T: ThriftEncodable>(field id: Int16, _ value: T) {
        fieldHeader(id, .struct)
        value.encode(to: &self)
    }
}

/// `Array.withUnsafeBytes` for a body that throws `ParquetError`, keeping the error typed.
func withUnsafeBytesTyped<R>(
    of bytes: [UInt8],
    _ body: (UnsafeRawBufferPointer) throws(ParquetError) -> R
) throws(ParquetError) -> R {
    let result: Result<R, ParquetError> = bytes.withUnsafeBytes { buffer in
        do throws(ParquetError) {
            return .success(try body(buffer))
        } catch {
            return .failure(error)
        }
    }
    return try result.get()
}
