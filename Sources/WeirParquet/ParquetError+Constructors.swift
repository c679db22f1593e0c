extension ParquetError {
    /// A `.corrupt` error: the bytes do not form a valid Parquet file.
    static func corrupt(_ message: String, location: String? = nil) -> ParquetError {
        ParquetError(.corrupt, message, location: location)
    }

    /// An `.unsupported` error: a valid feature that Weir does not handle.
    static func unsupported(_ message: String, location: String? = nil) -> ParquetError {
        ParquetError(.unsupported, message, location: location)
    }

    /// The same error with `outer` prepended to its location, such as a row group before a page.
    func within(_ outer: String) -> ParquetError {
        var copy = self
        copy.location = copy.location.map { outer + ", " + $0 } ?? outer
        return copy
    }

    /// The same error with `location` attached when it has none yet.
    func at(location: String) -> ParquetError {
        var copy = self
        if copy.location == nil { copy.location = location }
        return copy
    }
}
