/// What a chunk encoder takes from the writer's options.
struct ChunkEncodingSettings: Sendable {
    var codec: ParquetCompressionCodec = .uncompressed
    var dictionary = true
    var dictionaryPageSizeLimit = 1 << 20
    var dataPageSize = 1 << 20
}

/// Encodes the rows of one column of a row group into a column chunk: an optional dictionary page
/// followed by version 1 data pages, and the chunk's metadata and statistics.
///
/// With dictionaries on, values are looked up in a dictionary until it would pass its size limit;
/// those rows become RLE_DICTIONARY pages and the rest of the chunk is written PLAIN.
struct ColumnChunkEncoder: Sendable {
    let column: WriterColumn
    let settings: ChunkEncodingSettings
    let compress: PageCompressor

    func encode(_ data: ChunkData) throws(ParquetError) -> EncodedChunk {
        var statistics = StatisticsAccumulator(order: column.order)
        statistics.nullCount = data.nullCount
        var assembly = ChunkAssembly()
        try data.withView { (view, validity) throws(ParquetError) in
            var start = data.rows.lowerBound
            if settings.dictionary, let dictionary = buildDictionary(view, validity, rows: data.rows) {
                addDictionaryStatistics(dictionary, view: view, to: &statistics)
                let end = start + dictionary.rows
                try writeDictionaryPages(dictionary, validity: validity, rows: start..<end, into: &assembly)
                start = end
            }
            if start < data.rows.upperBound {
                try writePlainPages(view, validity, rows: start..<data.rows.upperBound, into: &assembly)
                addStatistics(view, validity, rows: start..<data.rows.upperBound, to: &statistics)
            }
        }
        return assembly.chunk(column: column, codec: settings.codec, rows: data.count, statistics: statistics.finish())
    }

    // MARK: Dictionary

    private func buildDictionary(
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

    /// Feeds a chunk's rows to a dictionary encoder: the first ``probeRows``, then the rest unless
    /// those first rows show the dictionary page and its indices taking at least as many bytes as
    /// PLAIN values would (as for a column of distinct measurements). Chunks that fit the probe
    /// keep their dictionary.
    /// - Returns: the indices and how many rows they cover, or `nil` to write the chunk PLAIN.
    private static func probedRun(
        rowCount: Int,
        plainSize: (Range<Int>) -> Int,
        dictionarySize: () -> (count: Int, bytes: Int),
        encode: (Range<Int>, UnsafeMutablePointer<UInt32>) -> (rows: Int, indices: Int)
    ) -> (indices: [UInt32], rows: Int)? {
        var consumed = 0
        var abandoned = false
        let indices = [UInt32](unsafeUninitializedCapacity: max(rowCount, 1)) { buffer, count in
            let probe = min(rowCount, probeRows)
            let first = encode(0..<probe, buffer.baseAddress!)
            consumed = first.rows
            count = first.indices
            // Stopped by the size limit, or nothing left: keep what the dictionary covers.
            guard first.rows == probe, probe < rowCount else { return }
            let (entries, bytes) = dictionarySize()
            let bitWidth = RLEHybridEncoder.bitWidth(forMaximum: UInt32(max(entries - 1, 0)))
            if bytes + (first.indices * bitWidth + 7) / 8 >= plainSize(0..<probe) {
                abandoned = true
                return
            }
            let rest = encode(probe..<rowCount, buffer.baseAddress! + first.indices)
            consumed += rest.rows
            count += rest.indices
        }
        return abandoned ? nil : (indices, consumed)
    }

    private func writeDictionaryPages(
        _ dictionary: DictionaryRun,
        validity: UnsafeBufferPointer<Bool>?,
        rows: Range<Int>,
        into assembly: inout ChunkAssembly
    ) throws(ParquetError) {
        let count = Int32(dictionary.count)
        assembly.dictionaryPage = try finishPage(dictionary.page) { uncompressed, compressed in
            PageHeader(
                type: .dictionaryPage, uncompressedPageSize: uncompressed, compressedPageSize: compressed,
                dictionaryPageHeader: DictionaryPageHeader(numValues: count, encoding: .plain))
        }
        let bitWidth = RLEHybridEncoder.bitWidth(forMaximum: UInt32(dictionary.count - 1))
        let rowsPerPage = max(1, settings.dataPageSize * 8 / bitWidth)
        var nextIndex = 0
        try dictionary.indices.withUnsafeBufferPointer { (indices) throws(ParquetError) in
            var start = rows.lowerBound
            while start < rows.upperBound {
                let window = start..<min(rows.upperBound, start + rowsPerPage)
                let valueCount = Self.nonNullCount(validity, window)
                let slice = UnsafeBufferPointer(rebasing: indices[nextIndex..<(nextIndex + valueCount)])
                nextIndex += valueCount
                let bound = 1 + RLEHybridEncoder.maxEncodedSize(count: valueCount, bitWidth: bitWidth)
                let page = try dataPage(rows: window, validity: validity, encoding: .rleDictionary, bound: bound) {
                    $0.append(UInt8(bitWidth))
                    RLEHybridEncoder.encode(slice, bitWidth: bitWidth, into: &$0)
                }
                assembly.append(page, encoding: .rleDictionary)
                start = window.upperBound
            }
        }
    }

    private func addDictionaryStatistics(
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

    // MARK: Plain

    private func writePlainPages(
        _ view: ChunkStorageView,
        _ validity: UnsafeBufferPointer<Bool>?,
        rows: Range<Int>,
        into assembly: inout ChunkAssembly
    ) throws(ParquetError) {
        let pageSize = settings.dataPageSize
        var start = rows.lowerBound
        while start < rows.upperBound {
            let remaining = start..<rows.upperBound
            let window: Range<Int>
            switch view {
            case .boolean: window = start..<min(rows.upperBound, start + max(1, pageSize * 8))
            case .int32, .float: window = start..<min(rows.upperBound, start + max(1, pageSize / 4))
            case .int64, .double: window = start..<min(rows.upperBound, start + max(1, pageSize / 8))
            case .fixedBytes(let width, _):
                window = start..<min(rows.upperBound, start + max(1, pageSize / max(width, 1)))
            case .bytes(let offsets, _): window = Self.byteWindow(offsets, remaining, pageSize: pageSize)
            }
            let flags = validity.map { UnsafeBufferPointer(rebasing: $0[window]) }
            let page: EncodedPage
            switch view {
            case .boolean(let values):
                let slice = UnsafeBufferPointer(rebasing: values[window])
                page = try dataPage(rows: window, validity: validity, encoding: .plain, bound: (window.count + 7) / 8) {
                    PlainEncoder.encodeBooleans(slice, validity: flags, into: &$0)
                }
            case .int32(let values): page = try fixedPage(values, window, validity, flags)
            case .int64(let values): page = try fixedPage(values, window, validity, flags)
            case .float(let values): page = try fixedPage(values, window, validity, flags)
            case .double(let values): page = try fixedPage(values, window, validity, flags)
            case .fixedBytes(let width, let data):
                let slice = UnsafeRawBufferPointer(
                    rebasing: data[(window.lowerBound * width)..<(window.upperBound * width)])
                page = try dataPage(rows: window, validity: validity, encoding: .plain, bound: slice.count) {
                    PlainEncoder.encodeFixedBytes(slice, width: width, validity: flags, into: &$0)
                }
            case .bytes(let offsets, let data):
                let slice = UnsafeBufferPointer(rebasing: offsets[window.lowerBound...window.upperBound])
                let bound = PlainEncoder.byteArraysSize(offsets: slice)
                page = try dataPage(rows: window, validity: validity, encoding: .plain, bound: bound) {
                    PlainEncoder.encodeByteArrays(offsets: slice, data: data, validity: flags, into: &$0)
                }
            }
            assembly.append(page, encoding: .plain)
            start = window.upperBound
        }
    }

    private func fixedPage<T: BitwiseCopyable>(
        _ values: UnsafeBufferPointer<T>,
        _ window: Range<Int>,
        _ validity: UnsafeBufferPointer<Bool>?,
        _ flags: UnsafeBufferPointer<Bool>?
    ) throws(ParquetError) -> EncodedPage {
        let slice = UnsafeBufferPointer(rebasing: values[window])
        let bound = window.count * MemoryLayout<T>.stride
        return try dataPage(rows: window, validity: validity, encoding: .plain, bound: bound) {
            PlainEncoder.encode(slice, validity: flags, into: &$0)
        }
    }

    /// The rows from the start of `rows` whose PLAIN encoding first reaches `pageSize` bytes.
    private static func byteWindow(_ offsets: UnsafeBufferPointer<Int>, _ rows: Range<Int>, pageSize: Int) -> Range<Int>
    {
        func size(_ end: Int) -> Int { offsets[end] - offsets[rows.lowerBound] + 4 * (end - rows.lowerBound) }
        if size(rows.upperBound) <= pageSize { return rows }
        // Binary search for the first end whose size reaches the page size.
        var low = rows.lowerBound + 1
        var high = rows.upperBound
        while low < high {
            let middle = (low + high) / 2
            if size(middle) >= pageSize { high = middle } else { low = middle + 1 }
        }
        return rows.lowerBound..<low
    }

    private func addStatistics(
        _ view: ChunkStorageView,
        _ validity: UnsafeBufferPointer<Bool>?,
        rows: Range<Int>,
        to statistics: inout StatisticsAccumulator
    ) {
        let flags = validity.map { UnsafeBufferPointer(rebasing: $0[rows]) }
        switch view {
        case .boolean(let values):
            statistics.add(booleans: UnsafeBufferPointer(rebasing: values[rows]), validity: flags)
        case .int32(let values): statistics.add(int32: UnsafeBufferPointer(rebasing: values[rows]), validity: flags)
        case .int64(let values): statistics.add(int64: UnsafeBufferPointer(rebasing: values[rows]), validity: flags)
        case .float(let values): statistics.add(float: UnsafeBufferPointer(rebasing: values[rows]), validity: flags)
        case .double(let values): statistics.add(double: UnsafeBufferPointer(rebasing: values[rows]), validity: flags)
        case .bytes(let offsets, let data):
            let slice = UnsafeBufferPointer(rebasing: offsets[rows.lowerBound...rows.upperBound])
            statistics.add(offsets: slice, data: data, validity: flags)
        case .fixedBytes(let width, let data):
            let slice = UnsafeRawBufferPointer(rebasing: data[(rows.lowerBound * width)..<(rows.upperBound * width)])
            statistics.add(fixed: slice, width: width, validity: flags)
        }
    }

    // MARK: Pages

    /// A version 1 data page: definition levels for an optional column, then the values.
    private func dataPage(
        rows window: Range<Int>,
        validity: UnsafeBufferPointer<Bool>?,
        encoding: Encoding,
        bound: Int,
        values: (inout EncoderOutput) -> Void
    ) throws(ParquetError) -> EncodedPage {
        let optional = column.isOptional
        let levelBound = optional ? 4 + RLEHybridEncoder.maxEncodedSize(count: window.count, bitWidth: 1) : 0
        let body = EncoderOutput.bytes(capacity: levelBound + bound) { output in
            if optional {
                let start = output.count
                output.appendLittleEndian(UInt32(0))
                if let validity {
                    UnsafeBufferPointer(rebasing: validity[window]).withMemoryRebound(to: UInt8.self) {
                        RLEHybridEncoder.encode($0, bitWidth: 1, into: &output)
                    }
                } else {
                    RLEHybridEncoder.encodeRepeated(1, count: window.count, bitWidth: 1, into: &output)
                }
                output.patchLittleEndian(UInt32(output.count - start - 4), at: start)
            }
            values(&output)
        }
        let valueCount = Int32(window.count)
        return try finishPage(body) { uncompressed, compressed in
            PageHeader(
                type: .dataPage, uncompressedPageSize: uncompressed, compressedPageSize: compressed,
                dataPageHeader: DataPageHeader(numValues: valueCount, encoding: encoding))
        }
    }

    private func finishPage(
        _ body: [UInt8],
        header: (Int32, Int32) -> PageHeader
    ) throws(ParquetError) -> EncodedPage {
        let stored: [UInt8]
        do throws(ParquetError) {
            stored = settings.codec == .uncompressed ? body : try withUnsafeBytesTyped(of: body, compress)
        } catch {
            throw error.at(location: "column '\(column.field.name)'")
        }
        guard body.count <= Int32.max, stored.count <= Int32.max else {
            throw ParquetError(
                .invalidArgument,
                "A page of column '\(column.field.name)' would take \(body.count) bytes, more than a page can hold. "
                    + "Please write values smaller than 2 GiB or a smaller data page size.")
        }
        let encodedHeader = header(Int32(body.count), Int32(stored.count)).thriftBytes
        return EncodedPage(header: encodedHeader, body: stored, uncompressedSize: body.count)
    }

    static func nonNullCount(_ validity: UnsafeBufferPointer<Bool>?, _ rows: Range<Int>) -> Int {
        guard let validity else { return rows.count }
        var count = 0
        for index in rows where validity[index] { count += 1 }
        return count
    }
}

/// The rows a dictionary covers from the start of a chunk, and the dictionary itself.
private struct DictionaryRun {
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
