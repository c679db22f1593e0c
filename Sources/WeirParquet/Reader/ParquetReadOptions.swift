import WeirColumns

/// Choices a caller makes about how a Parquet file is read.
public struct ParquetReadOptions: Sendable, Hashable {
    /// The unit INT96 timestamps (the deprecated type Spark, Hive and Impala write) are read at.
    ///
    /// Microseconds by default, as Spark and DuckDB read them: that covers years −290308 to 294247,
    /// which Spark's `0001-01-01` and `9999-12-31` need, where nanoseconds stop at 1677–2262. A value
    /// is never rounded or wrapped: one with digits finer than the unit (Impala and pyarrow can
    /// write nanoseconds) or beyond its range fails the read with an error naming the unit that
    /// reads it.
    public var int96Unit: TimeUnit

    public init(int96Unit: TimeUnit = .microseconds) {
        self.int96Unit = int96Unit
    }
}

extension ParquetColumnDescriptor {
    /// The descriptor with an INT96 column read as timestamps of `unit`.
    func readingInt96(as unit: TimeUnit) -> ParquetColumnDescriptor {
        guard element.type == .int96, case .success(var field) = mapping,
            case .timestamp(_, let utc) = field.type
        else { return self }
        var copy = self
        field.type = .timestamp(unit: unit, utc: utc)
        copy.mapping = .success(field)
        return copy
    }
}
