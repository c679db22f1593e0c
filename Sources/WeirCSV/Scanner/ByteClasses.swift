/// Per-byte flags telling the scanner's inner loops where to stop.
final class ByteClasses: Sendable {
    static let stopsUnquoted: UInt8 = 1
    static let stopsQuoted: UInt8 = 2

    nonisolated(unsafe) let pointer: UnsafeMutablePointer<UInt8>

    init(dialect: CSVDialect) {
        pointer = .allocate(capacity: 256)
        pointer.initialize(repeating: 0, count: 256)
        for byte in [RecordScanner.lf, RecordScanner.cr] {
            pointer[Int(byte)] = Self.stopsUnquoted | Self.stopsQuoted
        }
        pointer[Int(dialect.delimiter)] |= Self.stopsUnquoted
        if let quote = dialect.quote { pointer[Int(quote)] |= Self.stopsQuoted }
        if let escape = dialect.escape { pointer[Int(escape)] |= Self.stopsQuoted }
    }

    deinit {
        pointer.deallocate()
    }
}
