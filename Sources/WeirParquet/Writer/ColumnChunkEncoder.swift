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
    /// The most rows in one data page, whatever the page size: keeps page row counts far from
    /// the format's 32-bit limit and pages of tiny values reasonably small.
    static let maxPageRows = 1 << 20

    let column: WriterColumn
    let settings: ChunkEncodingSettings
    let compress: PageCompressor

    func encode(_ data: ChunkData) throws(ParquetError) -> EncodedChunk {
        var statistics = StatisticsAccumulator(order: column.order)
        statistics.nullCount = data.nullCount
        var assembly = ChunkAssembly()
        let scratch = PageScratch()
        let levels = ChunkLevels(data, column: column)
        try data.withView { (view, validity) throws(ParquetError) in
            var start = data.rows.lowerBound
            if settings.dictionary, let dictionary = buildDictionary(view, validity, rows: data.rows) {
                // The dictionary pages end where a record ends, so that every page holds whole records.
                let end =
                    levels?.recordStart(start + dictionary.rows, limit: data.rows.upperBound) ?? start + dictionary.rows
                if end > start {
                    addDictionaryStatistics(dictionary, view: view, to: &statistics)
                    try writeDictionaryPages(
                        dictionary, validity: validity, levels: levels, rows: start..<end, scratch: scratch,
                        into: &assembly)
                    start = end
                }
            }
            if start < data.rows.upperBound {
                try writePlainPages(
                    view, validity, levels: levels, rows: start..<data.rows.upperBound, scratch: scratch,
                    into: &assembly)
                addStatistics(view, validity, rows: start..<data.rows.upperBound, to: &statistics)
            }
        }
        return assembly.chunk(column: column, codec: settings.codec, rows: data.count, statistics: statistics.finish())
    }

    // MARK: Plain

    private func writePlainPages(
        _ view: ChunkStorageView,
        _ validity: UnsafeBufferPointer<Bool>?,
        levels: ChunkLevels?,
        rows: Range<Int>,
        scratch: PageScratch,
        into assembly: inout ChunkAssembly
    ) throws(ParquetError) {
        let pageSize = settings.dataPageSize
        var start = rows.lowerBound
        while start < rows.upperBound {
            let remaining = start..<min(rows.upperBound, start + Self.maxPageRows)
            var window: Range<Int>
            switch view {
            case .boolean: window = start..<min(remaining.upperBound, start + max(1, pageSize * 8))
            case .int32, .float: window = start..<min(remaining.upperBound, start + max(1, pageSize / 4))
            case .int64, .double: window = start..<min(remaining.upperBound, start + max(1, pageSize / 8))
            case .fixedBytes(let width, _):
                window = start..<min(remaining.upperBound, start + max(1, pageSize / max(width, 1)))
            case .bytes(let offsets, _): window = Self.byteWindow(offsets, remaining, pageSize: pageSize)
            }
            if let levels { window = start..<levels.recordEnd(window.upperBound, limit: rows.upperBound) }
            let flags = validity.map { UnsafeBufferPointer(rebasing: $0[window]) }
            let page: EncodedPage
            switch view {
            case .boolean(let values):
                let slice = UnsafeBufferPointer(rebasing: values[window])
                page = try dataPage(
                    rows: window, scratch: scratch, validity: validity, levels: levels, encoding: .plain,
                    bound: (window.count + 7) / 8
                ) {
                    PlainEncoder.encodeBooleans(slice, validity: flags, into: &$0)
                }
            case .int32(let values): page = try fixedPage(values, window, validity, levels, flags, scratch)
            case .int64(let values): page = try fixedPage(values, window, validity, levels, flags, scratch)
            case .float(let values): page = try fixedPage(values, window, validity, levels, flags, scratch)
            case .double(let values): page = try fixedPage(values, window, validity, levels, flags, scratch)
            case .fixedBytes(let width, let data):
                let slice = UnsafeRawBufferPointer(
                    rebasing: data[(window.lowerBound * width)..<(window.upperBound * width)])
                page = try dataPage(
                    rows: window, scratch: scratch, validity: validity, levels: levels, encoding: .plain,
                    bound: slice.count
                ) {
                    PlainEncoder.encodeFixedBytes(slice, width: width, validity: flags, into: &$0)
                }
            case .bytes(let offsets, let data):
                let slice = UnsafeBufferPointer(rebasing: offsets[window.lowerBound...window.upperBound])
                let bound = PlainEncoder.byteArraysSize(offsets: slice)
                page = try dataPage(
                    rows: window, scratch: scratch, validity: validity, levels: levels, encoding: .plain, bound: bound
                ) {
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
        _ levels: ChunkLevels?,
        _ flags: UnsafeBufferPointer<Bool>?,
        _ scratch: PageScratch
    ) throws(ParquetError) -> EncodedPage {
        let slice = UnsafeBufferPointer(rebasing: values[window])
        let bound = window.count * MemoryLayout<T>.stride
        return try dataPage(
            rows: window, scratch: scratch, validity: validity, levels: levels, encoding: .plain, bound: bound
        ) {
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

    /// A version 1 data page: repetition levels below a list or map, definition levels for an
    /// optional or nested column, then the values.
    func dataPage(
        rows window: Range<Int>,
        scratch: PageScratch,
        validity: UnsafeBufferPointer<Bool>?,
        levels: ChunkLevels?,
        encoding: Encoding,
        bound: Int,
        values: (inout EncoderOutput) -> Void
    ) throws(ParquetError) -> EncodedPage {
        let optional = column.isOptional
        let levelBound =
            levels?.encodedBound(count: window.count)
            ?? (optional ? 4 + RLEHybridEncoder.maxEncodedSize(count: window.count, bitWidth: 1) : 0)
        guard window.count <= Int32.max else {
            throw ParquetError(
                .invalidArgument,
                "A page of column '\(column.displayName)' would hold \(window.count) values, more than a page can hold. "
                    + "Please write records of fewer values.")
        }
        let valueCount = Int32(window.count)
        return try page(capacity: levelBound + bound, scratch: scratch) { output in
            if let levels {
                levels.encode(window, into: &output)
            } else if optional {
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
        } header: { uncompressed, compressed in
            PageHeader(
                type: .dataPage, uncompressedPageSize: uncompressed, compressedPageSize: compressed,
                dataPageHeader: DataPageHeader(numValues: valueCount, encoding: encoding))
        }
    }

    /// A page whose body `write` produces in at most `capacity` bytes, compressed with the
    /// chunk's codec, with the header `header` makes from the uncompressed and stored sizes.
    func page(
        capacity: Int,
        scratch: PageScratch,
        write: (inout EncoderOutput) -> Void,
        header: (Int32, Int32) -> PageHeader
    ) throws(ParquetError) -> EncodedPage {
        let stored: [UInt8]
        let size: Int
        if settings.codec == .uncompressed {
            stored = EncoderOutput.bytes(capacity: capacity, write)
            size = stored.count
        } else {
            var output = scratch.output(capacity: capacity)
            write(&output)
            size = output.count
            do throws(ParquetError) {
                stored = try compress(UnsafeRawBufferPointer(start: output.base, count: output.count))
            } catch {
                throw error.at(location: "column '\(column.displayName)'")
            }
        }
        guard size <= Int32.max, stored.count <= Int32.max else {
            throw ParquetError(
                .invalidArgument,
                "A page of column '\(column.displayName)' would take \(size) bytes, more than a page can hold. "
                    + "Please write values smaller than 2 GiB or a smaller data page size.")
        }
        let encodedHeader = header(Int32(size), Int32(stored.count)).thriftBytes
        return EncodedPage(header: encodedHeader, body: stored, uncompressedSize: size)
    }

    static func nonNullCount(_ validity: UnsafeBufferPointer<Bool>?, _ rows: Range<Int>) -> Int {
        guard let validity else { return rows.count }
        var count = 0
        for index in rows where validity[index] { count += 1 }
        return count
    }
}
