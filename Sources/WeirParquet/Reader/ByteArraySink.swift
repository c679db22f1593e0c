import WeirColumns

/// Decodes BYTE_ARRAY values into one growing `ByteArrays`, one value per row.
struct ByteArraySink: ColumnValueSink {
    private(set) var output: ByteArrays
    let columnName: String
    private(set) var dictionary: ByteArrays?
    /// The dictionary indices, when the caller asked for them.
    var recorder: DictionaryCodeRecorder?

    private let rows: Int

    init(rows: Int, columnName: String, keepCodes: Bool = false) {
        output = ByteArrays()
        output.offsets.reserveCapacity(rows + 1)
        self.rows = rows
        self.columnName = columnName
        if keepCodes { recorder = DictionaryCodeRecorder(rows: rows) }
    }

    /// At most this many bytes are reserved for the values ahead of decoding them.
    static let largestReservation = 64 << 20

    mutating func setDictionary(_ page: UnsafeRawBufferPointer, count: Int) throws(ParquetError) {
        var values = ByteArrays()
        try PlainDecoder.decodeByteArrays(page, count: count, into: &values)
        dictionary = values
        // Short dictionary values (codes, names) bound the chunk's size: reserving it saves growing
        // the values page by page, each time copying what came before.
        var longest = 0
        for index in 0..<values.count { longest = max(longest, values.offsets[index + 1] - values.offsets[index]) }
        let (bound, overflow) = rows.multipliedReportingOverflow(by: longest)
        if !overflow, bound <= Self.largestReservation { output.data.reserveCapacity(bound) }
    }

    mutating func decode(
        _ encoding: Encoding, _ values: UnsafeRawBufferPointer, count: Int, at start: Int
    ) throws(ParquetError) {
        guard count > 0 else { return }
        if encoding != .plainDictionary && encoding != .rleDictionary { recorder?.abandon() }
        switch encoding {
        case .plain:
            try PlainDecoder.decodeByteArrays(values, count: count, into: &output)
        case .plainDictionary, .rleDictionary:
            try decodeDictionary(values, count: count)
        case .deltaLengthByteArray:
            try DeltaByteArrayDecoder.decodeLengthPrefixed(values, count: count, into: &output)
        case .deltaByteArray:
            try DeltaByteArrayDecoder.decodeIncremental(values, count: count, into: &output)
        default:
            throw .unsupported(
                "Column '\(columnName)' uses the encoding \(encoding) for BYTE_ARRAY values, which Weir does not read.")
        }
    }

    private mutating func decodeDictionary(_ values: UnsafeRawBufferPointer, count: Int) throws(ParquetError) {
        guard let dictionary else {
            throw .corrupt("Column '\(columnName)' has a dictionary-encoded page but no dictionary page.")
        }
        var indices = try DictionaryIndices(values)
        output.offsets.reserveCapacity(output.offsets.count + count)
        try dictionary.data.withBytes { (entries) throws(ParquetError) in
            try dictionary.offsets.withBytes { (offsetBytes) throws(ParquetError) in
                let offsets = offsetBytes.assumingMemoryBound(to: Int.self)
                try indices.forEachBatch(count: count, dictionaryCount: dictionary.count) {
                    (batch, _) throws(ParquetError) in
                    recorder?.append(batch)
                    // Size the batch first, then copy every value into place without growing per value.
                    var bytes = 0
                    for entry in batch { bytes &+= offsets[Int(entry) + 1] - offsets[Int(entry)] }
                    let dataStart = output.data.count
                    guard bytes <= ColumnChunkDecoder.maximumOutputBytes - dataStart else {
                        throw .unsupported(
                            "Column '\(columnName)' would decode to more than 4 GiB in one row group, more than Weir "
                                + "reads at once. Rewrite the file with smaller row groups.")
                    }
                    let offsetStart = output.offsets.count
                    output.data.append(contentsOf: repeatElement(0, count: bytes))
                    output.offsets.append(contentsOf: repeatElement(0, count: batch.count))
                    output.data.withUnsafeMutableBytes { data in
                        output.offsets.withUnsafeMutableBufferPointer { ends in
                            var end = dataStart
                            for (position, entry) in batch.enumerated() {
                                let start = offsets[Int(entry)]
                                let length = offsets[Int(entry) + 1] - start
                                if length <= 8 && end + 8 <= data.count && start + 8 <= entries.count {
                                    // Short text (codes, names) as one 8-byte move rather than a copy call;
                                    // the bytes past the value are overwritten by the values after it.
                                    let word = entries.loadUnaligned(fromByteOffset: start, as: UInt64.self)
                                    data.storeBytes(of: word, toByteOffset: end, as: UInt64.self)
                                } else if length > 0 {
                                    (data.baseAddress! + end).copyMemory(
                                        from: entries.baseAddress! + start, byteCount: length)
                                }
                                end += length
                                ends[offsetStart + position] = end
                            }
                        }
                    }
                }
            }
        }
    }

    mutating func spread(validity: UnsafePointer<UInt8>, rows: Int, present: Int, at start: Int) {
        // The present values' end offsets sit at start + 1 ... start + present; each row takes the
        // end offset of the last present value at or before it.
        let missing = rows - present
        guard missing > 0 else { return }
        recorder?.abandon()
        output.offsets.append(contentsOf: repeatElement(output.data.count, count: missing))
        output.offsets.withUnsafeMutableBufferPointer { offsets in
            var source = present - 1
            var row = rows - 1
            while row > source {
                offsets[start + row + 1] = offsets[start + source + 1]
                if validity[row] != 0 { source -= 1 }
                row -= 1
            }
        }
    }
}
