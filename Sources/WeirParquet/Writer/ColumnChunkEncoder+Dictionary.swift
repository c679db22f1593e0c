/// Dictionary encoding of a column chunk: building the dictionary over the first rows, deciding
/// whether it pays, and writing the dictionary page and the RLE_DICTIONARY data pages.
extension ColumnChunkEncoder {
    func buildDictionary(
        _ view: ChunkStorageView,
        _ validity: UnsafeBufferPointer<Bool>?,
        rows: Range<Int>
    ) -> DictionaryRun? {
        let flags = validity.map { UnsafeBufferPointer(rebasing: $0[rows]) }
        let limit = settings.dictionaryPageSizeLimit
        let run: DictionaryRun
        switch view {
        case .boolean:
            return nil
        case .int32(let values):
            run = Self.integerRun(UnsafeBufferPointer(rebasing: values[rows]), flags, limit, as: UInt32.self)
        case .float(let values):
            run = Self.integerRun(UnsafeBufferPointer(rebasing: values[rows]), flags, limit, as: UInt32.self)
        case .int64(let values):
            run = Self.integerRun(UnsafeBufferPointer(rebasing: values[rows]), flags, limit, as: UInt64.self)
        case .double(let values):
            run = Self.integerRun(UnsafeBufferPointer(rebasing: values[rows]), flags, limit, as: UInt64.self)
        case .bytes(let offsets, let data):
            let slice = UnsafeBufferPointer(rebasing: offsets[rows.lowerBound...rows.upperBound])
            run = Self.byteRun(slice, data, flags, limit, fixedWidth: nil)
        case .fixedBytes(let width, let data):
            let offsets = (rows.lowerBound...rows.upperBound).map { $0 * width }
            run = offsets.withUnsafeBufferPointer { Self.byteRun($0, data, flags, limit, fixedWidth: width) }
        }
        // An empty dictionary (every row null, or a first value past the limit) is no use.
        return run.count > 0 ? run : nil
    }

    private static func integerRun<Value, Key: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeBufferPointer<Value>,
        _ validity: UnsafeBufferPointer<Bool>?,
        _ limit: Int,
        as: Key.Type
    ) -> DictionaryRun {
        var encoder = IntegerDictionaryEncoder<Key>(byteLimit: limit)
        let width = MemoryLayout<Key>.size
        let result = values.withMemoryRebound(to: Key.self) { keys in
            probedRun(
                rowCount: keys.count,
                plainSize: { nonNullCount(validity, $0) * width },
                dictionarySize: { (encoder.count, encoder.byteSize) },
                encode: { rows, indices in
                    encoder.encode(
                        UnsafeBufferPointer(rebasing: keys[rows]),
                        validity: validity.map { UnsafeBufferPointer(rebasing: $0[rows]) }, indices: indices)
                })
        }
        guard let result else { return .abandoned }
        let page = EncoderOutput.bytes(capacity: encoder.byteSize) { encoder.encodeDictionary(into: &$0) }
        let entries = encoder.keys.withUnsafeBytes { Array($0) }
        return DictionaryRun(
            page: page, count: encoder.count, rows: result.rows, indices: result.indices, entries: .fixed(entries))
    }

    private static func byteRun(
        _ offsets: UnsafeBufferPointer<Int>,
        _ data: UnsafeRawBufferPointer,
        _ validity: UnsafeBufferPointer<Bool>?,
        _ limit: Int,
        fixedWidth: Int?
    ) -> DictionaryRun {
        var encoder = ByteArrayDictionaryEncoder(fixedWidth: fixedWidth, byteLimit: limit)
        let prefix = fixedWidth == nil ? 4 : 0
        let result = probedRun(
            rowCount: offsets.count - 1,
            plainSize: { offsets[$0.upperBound] - offsets[$0.lowerBound] + prefix * $0.count },
            dictionarySize: { (encoder.count, encoder.byteSize) },
            encode: { rows, indices in
                encoder.encode(
                    valueOffsets: UnsafeBufferPointer(rebasing: offsets[rows.lowerBound...rows.upperBound]),
                    bytes: data, validity: validity.map { UnsafeBufferPointer(rebasing: $0[rows]) },
                    indices: indices)
            })
        guard let result else { return .abandoned }
        let page = EncoderOutput.bytes(capacity: encoder.byteSize) { encoder.encodeDictionary(into: &$0) }
        return DictionaryRun(
            page: page, count: encoder.count, rows: result.rows, indices: result.indices,
            entries: .bytes(offsets: encoder.offsets, data: encoder.data))
    }

    /// Rows looked up before deciding whether a dictionary pays for itself.
    static let probeRows = 32_768
    /// A first, short look: a column whose first rows are all distinct gives up after these.
    static let quickProbeRows = 1_024

    /// Feeds a chunk's rows to a dictionary encoder: the first ``quickProbeRows``, then up to
    /// ``probeRows``, then the rest. After the first step, a chunk whose rows were all distinct (a
    /// column of measurements, for example) is written PLAIN; after the second, so is a chunk whose
    /// dictionary page and indices take at least as many bytes as PLAIN values would.
    /// - Returns: the indices and how many rows they cover, or `nil` to write the chunk PLAIN.
    private static func probedRun(
        rowCount: Int,
        plainSize: (Range<Int>) -> Int,
        dictionarySize: () -> (count: Int, bytes: Int),
        encode: (Range<Int>, UnsafeMutablePointer<UInt32>) -> (rows: Int, indices: Int)
    ) -> (indices: [UInt32], rows: Int)? {
        var consumed = 0
        var abandoned = false
        /// Whether the dictionary so far is no smaller than PLAIN over the rows it covers.
        func doesNotPay(_ indexCount: Int) -> Bool {
            let (entries, bytes) = dictionarySize()
            let bitWidth = RLEHybridEncoder.bitWidth(forMaximum: UInt32(max(entries - 1, 0)))
            return bytes + (indexCount * bitWidth + 7) / 8 >= plainSize(0..<consumed)
        }
        let indices = [UInt32](unsafeUninitializedCapacity: max(rowCount, 1)) { buffer, count in
            for end in [min(rowCount, quickProbeRows), min(rowCount, probeRows), rowCount] where end > consumed {
                let step = encode(consumed..<end, buffer.baseAddress! + count)
                let stoppedByLimit = step.rows < end - consumed
                consumed += step.rows
                count += step.indices
                // Stopped by the size limit: keep what the dictionary covers.
                if stoppedByLimit { return }
                // The quick look gives up only on rows that are all distinct: a column of a few thousand
                // values (times, station ids) looks distinct in its first rows and pays later.
                let quick = end <= quickProbeRows && end < rowCount
                if quick ? dictionarySize().count >= count : end <= probeRows && doesNotPay(count) {
                    abandoned = true
                    return
                }
            }
        }
        return abandoned ? nil : (indices, consumed)
    }

    func writeDictionaryPages(
        _ dictionary: DictionaryRun,
        validity: UnsafeBufferPointer<Bool>?,
        levels: ChunkLevels?,
        rows: Range<Int>,
        scratch: PageScratch,
        into assembly: inout ChunkAssembly
    ) throws(ParquetError) {
        let count = Int32(dictionary.count)
        assembly.dictionaryPage = try page(capacity: dictionary.page.count, scratch: scratch) {
            $0.append(dictionary.page)
        } header: { uncompressed, compressed in
            PageHeader(
                type: .dictionaryPage, uncompressedPageSize: uncompressed, compressedPageSize: compressed,
                dictionaryPageHeader: DictionaryPageHeader(numValues: count, encoding: .plain))
        }
        let bitWidth = RLEHybridEncoder.bitWidth(forMaximum: UInt32(dictionary.count - 1))
        let rowsPerPage = min(Self.maxPageRows, max(1, settings.dataPageSize * 8 / bitWidth))
        var nextIndex = 0
        try dictionary.indices.withUnsafeBufferPointer { (indices) throws(ParquetError) in
            var start = rows.lowerBound
            while start < rows.upperBound {
                var window = start..<min(rows.upperBound, start + rowsPerPage)
                if let levels { window = start..<levels.recordEnd(window.upperBound, limit: rows.upperBound) }
                let valueCount = Self.nonNullCount(validity, window)
                let slice = UnsafeBufferPointer(rebasing: indices[nextIndex..<(nextIndex + valueCount)])
                nextIndex += valueCount
                let bound = 1 + RLEHybridEncoder.maxEncodedSize(count: valueCount, bitWidth: bitWidth)
                let page = try dataPage(
                    rows: window, scratch: scratch, validity: validity, levels: levels, encoding: .rleDictionary,
                    bound: bound
                ) {
                    $0.append(UInt8(bitWidth))
                    RLEHybridEncoder.encode(slice, bitWidth: bitWidth, into: &$0)
                }
                assembly.append(page, encoding: .rleDictionary)
                start = window.upperBound
            }
        }
    }

    func addDictionaryStatistics(
        _ dictionary: DictionaryRun,
        view: ChunkStorageView,
        to statistics: inout StatisticsAccumulator
    ) {
        switch dictionary.entries {
        case .fixed(let bytes):
            bytes.withUnsafeBytes { raw in
                switch view {
                case .int32: statistics.add(int32: raw.bindMemory(to: Int32.self), validity: nil)
                case .float: statistics.add(float: raw.bindMemory(to: Float.self), validity: nil)
                case .int64: statistics.add(int64: raw.bindMemory(to: Int64.self), validity: nil)
                case .double: statistics.add(double: raw.bindMemory(to: Double.self), validity: nil)
                default: preconditionFailure("fixed dictionary entries for a byte column")
                }
            }
        case .bytes(let offsets, let data):
            offsets.withUnsafeBufferPointer { offsets in
                data.withUnsafeBytes { statistics.add(offsets: offsets, data: $0, validity: nil) }
            }
        }
    }
}

/// The rows a dictionary covers from the start of a chunk, and the dictionary itself.
struct DictionaryRun {
    var page: [UInt8]
    var count: Int
    var rows: Int
    /// One index per non-null row among `rows`.
    var indices: [UInt32]
    var entries: Entries

    /// No dictionary: the probe found it would not make the chunk smaller.
    static let abandoned = DictionaryRun(page: [], count: 0, rows: 0, indices: [], entries: .fixed([]))

    enum Entries {
        /// Fixed-width values' little-endian bytes, back to back.
        case fixed([UInt8])
        case bytes(offsets: [Int], data: [UInt8])
    }
}
