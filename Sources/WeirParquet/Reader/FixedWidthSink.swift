import WeirColumns

/// Decodes fixed-width values (booleans as one byte, INT32, INT64, INT96, FLOAT, DOUBLE and
/// FIXED_LEN_BYTE_ARRAY) into `width`-byte slots, one per row, of a preallocated buffer.
struct FixedWidthSink: ColumnValueSink {
    let physicalType: PhysicalType
    let width: Int
    let output: UnsafeMutableRawPointer
    let columnName: String
    private(set) var dictionary: [UInt8]?
    private(set) var dictionaryCount = 0
    /// The dictionary indices, when the caller asked for them.
    var recorder: DictionaryCodeRecorder?

    init(
        physicalType: PhysicalType, width: Int, output: UnsafeMutableRawPointer, columnName: String,
        keepCodesOf rows: Int? = nil
    ) {
        self.physicalType = physicalType
        self.width = width
        self.output = output
        self.columnName = columnName
        if let rows { recorder = DictionaryCodeRecorder(rows: rows) }
    }

    mutating func setDictionary(_ page: UnsafeRawBufferPointer, count: Int) throws(ParquetError) {
        guard physicalType != .boolean else {
            throw .unsupported(
                "Column '\(columnName)' is a dictionary-encoded BOOLEAN column, which Weir does not read.")
        }
        guard count <= page.count / width else {
            throw .corrupt(
                "The dictionary page holds \(page.count) bytes where \(count) values of \(width) bytes belong.")
        }
        var values = [UInt8](repeating: 0, count: count * width)
        try values.withMutableBytes { (buffer) throws(ParquetError) in
            if count > 0 { try PlainDecoder.decodeFixed(page, count: count, width: width, into: buffer.baseAddress!) }
        }
        dictionary = values
        dictionaryCount = count
    }

    mutating func decode(
        _ encoding: Encoding, _ values: UnsafeRawBufferPointer, count: Int, at start: Int
    ) throws(ParquetError) {
        guard count > 0 else { return }
        if encoding != .plainDictionary && encoding != .rleDictionary { recorder?.abandon() }
        let target = output + start * width
        switch (encoding, physicalType) {
        case (.plain, .boolean):
            try PlainDecoder.decodeBooleans(values, count: count, into: target.assumingMemoryBound(to: UInt8.self))
        case (.rle, .boolean):
            var cursor = ByteCursor(values)
            let length = try cursor.uint32()
            var decoder = try RleBitPackedDecoder(try cursor.bytes(Int(length)), bitWidth: 1)
            try decoder.decode(into: target.assumingMemoryBound(to: UInt8.self), count: count)
        case (.plain, _):
            try PlainDecoder.decodeFixed(values, count: count, width: width, into: target)
        case (.plainDictionary, _), (.rleDictionary, _):
            try decodeDictionary(values, count: count, into: target)
        case (.deltaBinaryPacked, .int32):
            var decoder = try DeltaBinaryPackedDecoder(values, typeBits: 32)
            try decoder.decode(into: target.assumingMemoryBound(to: Int32.self), count: count)
        case (.deltaBinaryPacked, .int64):
            var decoder = try DeltaBinaryPackedDecoder(values, typeBits: 64)
            try decoder.decode(into: target.assumingMemoryBound(to: Int64.self), count: count)
        case (.byteStreamSplit, .int32), (.byteStreamSplit, .int64), (.byteStreamSplit, .float),
            (.byteStreamSplit, .double), (.byteStreamSplit, .fixedLenByteArray):
            try ByteStreamSplitDecoder.decode(values, count: count, width: width, into: target)
        case (.deltaByteArray, .fixedLenByteArray):
            var arrays = ByteArrays()
            try DeltaByteArrayDecoder.decodeIncremental(values, count: count, into: &arrays)
            try copyFixed(arrays, into: target)
        case (.deltaLengthByteArray, .fixedLenByteArray):
            var arrays = ByteArrays()
            try DeltaByteArrayDecoder.decodeLengthPrefixed(values, count: count, into: &arrays)
            try copyFixed(arrays, into: target)
        default:
            throw .unsupported(
                "Column '\(columnName)' uses the encoding \(encoding) for \(physicalType) values, which Weir does not read."
            )
        }
    }

    private mutating func decodeDictionary(
        _ values: UnsafeRawBufferPointer, count: Int, into target: UnsafeMutableRawPointer
    ) throws(ParquetError) {
        guard let dictionary else {
            throw .corrupt("Column '\(columnName)' has a dictionary-encoded page but no dictionary page.")
        }
        var indices = try DictionaryIndices(values)
        let width = width
        try dictionary.withBytes { (entries) throws(ParquetError) in
            guard let base = entries.baseAddress else {
                throw .corrupt("Column '\(columnName)' has a dictionary-encoded page but an empty dictionary.")
            }
            try indices.forEachBatch(count: count, dictionaryCount: dictionaryCount) { batch, offset in
                recorder?.append(batch)
                let slot = target + offset * width
                switch width {
                case 4:
                    let source = base.assumingMemoryBound(to: UInt32.self)
                    let destination = slot.assumingMemoryBound(to: UInt32.self)
                    for (index, entry) in batch.enumerated() { destination[index] = source[Int(entry)] }
                case 8:
                    let source = base.assumingMemoryBound(to: UInt64.self)
                    let destination = slot.assumingMemoryBound(to: UInt64.self)
                    for (index, entry) in batch.enumerated() { destination[index] = source[Int(entry)] }
                default:
                    for (index, entry) in batch.enumerated() {
                        (slot + index * width).copyMemory(from: base + Int(entry) * width, byteCount: width)
                    }
                }
            }
        }
    }

    private func copyFixed(_ arrays: ByteArrays, into target: UnsafeMutableRawPointer) throws(ParquetError) {
        for index in 0..<arrays.count {
            let start = arrays.offsets[index]
            guard arrays.offsets[index + 1] - start == width else {
                throw .corrupt(
                    "A value of the FIXED_LEN_BYTE_ARRAY column '\(columnName)' has \(arrays.offsets[index + 1] - start) "
                        + "bytes instead of \(width).")
            }
            arrays.data.withUnsafeBytes { bytes in
                (target + index * width).copyMemory(from: bytes.baseAddress! + start, byteCount: width)
            }
        }
    }

    /// PLAIN values are copied run by run onto the rows between nulls, rather than copied densely
    /// and then moved one by one; other encodings decode, then spread.
    mutating func decode(
        _ encoding: Encoding, _ values: UnsafeRawBufferPointer, present: Int, rows: Int,
        validity: UnsafePointer<UInt8>, at start: Int
    ) throws(ParquetError) {
        guard encoding == .plain, physicalType != .boolean, present < rows else {
            return try decodeThenSpread(encoding, values, present: present, rows: rows, validity: validity, at: start)
        }
        let (bytes, overflow) = present.multipliedReportingOverflow(by: width)
        guard !overflow, bytes <= values.count else {
            throw .corrupt(
                "The page holds \(values.count) bytes of values where \(present) values of \(width) bytes belong.")
        }
        recorder?.abandon()
        let base = output + start * width
        var source = values.baseAddress ?? UnsafeRawPointer(base)
        var row = 0
        var placed = 0
        while row < rows {
            guard validity[row] != 0 else {
                (base + row * width).initializeMemory(as: UInt8.self, repeating: 0, count: width)
                row += 1
                continue
            }
            var end = row + 1
            while end < rows && validity[end] != 0 { end += 1 }
            // The flags were counted when the levels were decoded, so the runs hold `present` values.
            let run = Swift.min(end - row, present - placed)
            (base + row * width).copyMemory(from: source, byteCount: run * width)
            source += run * width
            placed += run
            row = end
        }
    }

    mutating func spread(validity: UnsafePointer<UInt8>, rows: Int, present: Int, at start: Int) {
        guard present < rows else { return }
        recorder?.abandon()
        let base = output + start * width
        // A page's first null is usually near its start, so this moves almost every value: with the
        // common widths as fixed-size loads and stores, not a copy call per value.
        switch width {
        case 8: Self.spread(UInt64.self, base, validity: validity, rows: rows, present: present)
        case 4: Self.spread(UInt32.self, base, validity: validity, rows: rows, present: present)
        case 1: Self.spread(UInt8.self, base, validity: validity, rows: rows, present: present)
        default:
            var source = present - 1
            var row = rows - 1
            while row > source {
                if validity[row] != 0 {
                    (base + row * width).copyMemory(from: base + source * width, byteCount: width)
                    source -= 1
                } else {
                    (base + row * width).initializeMemory(as: UInt8.self, repeating: 0, count: width)
                }
                row -= 1
            }
        }
    }

    /// ``spread(validity:rows:present:at:)`` for values of `T`'s size, read and written as raw bytes.
    @inline(__always)
    private static func spread<T: FixedWidthInteger>(
        _: T.Type, _ base: UnsafeMutableRawPointer, validity: UnsafePointer<UInt8>, rows: Int, present: Int
    ) {
        let size = MemoryLayout<T>.size
        var source = present - 1
        var row = rows - 1
        while row > source {
            if validity[row] != 0 {
                let value = base.loadUnaligned(fromByteOffset: source * size, as: T.self)
                base.storeBytes(of: value, toByteOffset: row * size, as: T.self)
                source -= 1
            } else {
                base.storeBytes(of: 0, toByteOffset: row * size, as: T.self)
            }
            row -= 1
        }
    }
}

extension Array {
    /// A `count`-element array whose memory `fill` initializes completely; `Element` must be a
    /// trivial type for which any bytes `fill` writes are valid. The memory is not cleared first, so
    /// pages that a failed decode never reaches are never touched.
    static func filled(
        count: Int, _ fill: (UnsafeMutableRawPointer) throws(ParquetError) -> Void
    ) throws(ParquetError) -> [Element] {
        var failure: ParquetError?
        let array = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard count > 0, let base = buffer.baseAddress else {
                initialized = 0
                return
            }
            let raw = UnsafeMutableRawPointer(base)
            do throws(ParquetError) {
                try fill(raw)
            } catch {
                failure = error
            }
            // On failure the array is discarded unread.
            initialized = count
        }
        if let failure { throw failure }
        return array
    }
}
