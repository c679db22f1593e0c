import WeirColumns

/// The statistics of one column chunk, decoded through the column's type.
public struct ParquetColumnStatistics: Sendable, Hashable {
    /// A lower bound of the non-null values, or `nil` when the file gives none that Weir can trust.
    public var min: Value?
    /// An upper bound of the non-null values, or `nil` when the file gives none that Weir can trust.
    public var max: Value?
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var nanCount: Int64?

    public init(
        min: Value? = nil, max: Value? = nil, nullCount: Int64? = nil, distinctCount: Int64? = nil,
        nanCount: Int64? = nil
    ) {
        self.min = min
        self.max = max
        self.nullCount = nullCount
        self.distinctCount = distinctCount
        self.nanCount = nanCount
    }
}

extension ParquetColumnDescriptor {
    /// The decoded statistics of this column's chunk, or `nil` when it has none.
    ///
    /// Bounds are taken from `min_value`/`max_value` when the file's column order is the type's
    /// own, and from the deprecated signed `min`/`max` only where signed order is the type's
    /// order; NaN bounds and bounds of unreadable columns are dropped.
    public func statistics(of chunk: ColumnChunk, columnOrder: ColumnOrder?) -> ParquetColumnStatistics? {
        guard let statistics = chunk.metaData?.statistics else { return nil }
        var result = ParquetColumnStatistics(
            nullCount: statistics.nullCount, distinctCount: statistics.distinctCount, nanCount: statistics.nanCount)
        guard let field else { return result }
        var low: [UInt8]?
        var high: [UInt8]?
        let orderKnown = columnOrder == nil || columnOrder == .typeDefinedOrder || columnOrder == .ieee754TotalOrder
        if orderKnown, statistics.minValue != nil || statistics.maxValue != nil {
            low = statistics.minValue
            high = statistics.maxValue
        } else if Self.signedOrderIsTypeOrder(field.type, element.type) {
            low = statistics.min
            high = statistics.max
        }
        result.min = low.flatMap { statisticsValue($0, field: field) }
        result.max = high.flatMap { statisticsValue($0, field: field) }
        return result
    }

    /// A PLAIN-encoded statistics value (without a length prefix for byte arrays) as a `Value`.
    func statisticsValue(_ bytes: [UInt8], field: Field) -> Value? {
        let storage: ColumnStorage
        switch element.type {
        case .boolean?:
            guard bytes.count == 1 else { return nil }
            storage = .boolean([bytes[0] != 0])
        case .int32?:
            guard bytes.count == 4 else { return nil }
            storage = .int32([Int32(littleEndian: load(bytes))])
        case .int64?:
            guard bytes.count == 8 else { return nil }
            storage = .int64([Int64(littleEndian: load(bytes))])
        case .float?:
            guard bytes.count == 4 else { return nil }
            let value = Float(bitPattern: UInt32(littleEndian: load(bytes)))
            guard !value.isNaN else { return nil }
            storage = .float([value])
        case .double?:
            guard bytes.count == 8 else { return nil }
            let value = Double(bitPattern: UInt64(littleEndian: load(bytes)))
            guard !value.isNaN else { return nil }
            storage = .double([value])
        case .byteArray?:
            if case .decimal = field.type, bytes.count > 16 || bytes.isEmpty { return nil }
            storage = .bytes(ByteArrays(offsets: [0, bytes.count], data: bytes))
        case .fixedLenByteArray?:
            let width = Int(element.typeLength ?? 0)
            guard width > 0, bytes.count == width else { return nil }
            if field.type == .float32 {
                let value = HalfFloat.float(bits: UInt16(bytes[0]) | UInt16(bytes[1]) << 8)
                guard !value.isNaN else { return nil }
                storage = .float([value])
            } else {
                storage = .fixedBytes(width: width, data: bytes)
            }
        default:
            return nil
        }
        return Column(field: field, storage: storage).value(at: 0)
    }

    private func load<T: FixedWidthInteger>(_ bytes: [UInt8]) -> T {
        bytes.withUnsafeBytes { $0.loadUnaligned(as: T.self) }
    }

    /// Whether the deprecated `min`/`max`, always compared as signed, order this type correctly.
    private static func signedOrderIsTypeOrder(_ type: ColumnType, _ physical: PhysicalType?) -> Bool {
        switch type {
        case .boolean, .float32, .float64, .date, .timestamp: return physical != .int96
        case .int(_, let signed): return signed
        case .decimal: return physical == .int32 || physical == .int64
        case .string, .binary, .fixedBinary, .list, .structure, .map: return false
        }
    }
}
