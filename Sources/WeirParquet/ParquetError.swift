import WeirColumns

/// What went wrong reading or writing a Parquet file, and where.
public struct ParquetError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The bytes do not form a valid Parquet file.
        case corrupt
        /// A valid feature that Weir does not read or write (a nested column, an unknown encoding).
        case unsupported
        /// The caller asked for something impossible (an unknown column, a value of the wrong type).
        case invalidArgument
        /// A compression codec failed or is not installed.
        case codec
        /// The operating system refused a read or write.
        case io
    }

    public var kind: Kind
    /// What is wrong, in a sentence, ending with how to fix it where there is a fix.
    public var message: String
    /// The file, when known.
    public var path: String?
    /// Where in the file: e.g. `row group 2, column 'i_a', page at byte 4096`.
    public var location: String?
    /// For an INT96 timestamp the unit asked cannot hold exactly (nanosecond digits read at
    /// microseconds, a year too far for nanoseconds), the unit that reads it.
    public var int96Unit: TimeUnit?

    public init(_ kind: Kind, _ message: String, path: String? = nil, location: String? = nil) {
        self.kind = kind
        self.message = message
        self.path = path
        self.location = location
    }

    public var description: String {
        var text = ""
        if let path { text += "'\(path)': " }
        if let location { text += location + ": " }
        return text + message
    }

    /// The same error with the file's path attached.
    public func at(path: String) -> ParquetError {
        var copy = self
        if copy.path == nil { copy.path = path }
        return copy
    }
}
