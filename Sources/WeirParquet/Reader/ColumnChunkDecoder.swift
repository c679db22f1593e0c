import WeirColumns

/// Decodes one flat column chunk into a ``Column``.
struct ColumnChunkDecoder {
    let descriptor: ParquetColumnDescriptor
    let field: Field
    let codec: ParquetCompressionCodec
    /// The chunk's bytes, from its first page header to its end.
    let chunk: [UInt8]
    let rows: Int
    /// Where the chunk starts in the file, for messages.
    let fileOffset: Int
    /// Whether to keep the dictionary indices of a chunk whose pages are all dictionary-encoded
    /// and whose rows are all present (see ``DictionaryCodes``).
    var keepCodes = false
    /// For a leaf of a nested column: where its levels go. Values are then decoded densely (present
    /// ones only) and `rows` counts level entries.
    var levels: LeafLevels?

    func decode() throws(ParquetError) -> Column {
        try chunk.withBytes { (bytes) throws(ParquetError) -> Column in
            let pages = try ChunkPages.scan(bytes, expectedValues: rows, codec: codec, fileOffset: fileOffset)
            try checkOutputSize(pages)
            let scratch = UnsafeMutableRawBufferPointer.allocate(
                byteCount: pages.largestUncompressedSize, alignment: 16)
            defer { scratch.deallocate() }
            var validity: [Bool]? = nil
            let optional = descriptor.maxDefinitionLevel > 0
            if optional { validity = [Bool](repeating: true, count: rows) }
            var codes: DictionaryCodes?
            let storage = try decodeStorage(bytes, pages: pages, scratch: scratch, validity: &validity, codes: &codes)
            if let flags = validity, !Self.hasNull(flags) { validity = nil }
            var column = Column(field: field, storage: storage, validity: validity)
            if validity == nil, let codes, codes.codes.count == rows { column.dictionary = codes }
            return column
        }
    }

    func decodeStorage(
        _ bytes: UnsafeRawBufferPointer, pages: ChunkPages, scratch: UnsafeMutableRawBufferPointer,
        validity: inout [Bool]?, codes: inout DictionaryCodes?
    ) throws(ParquetError) -> ColumnStorage {
        let physical = descriptor.element.type ?? .unknown(-1)
        let name = descriptor.name
        switch physical {
        case .byteArray:
            var sink = ByteArraySink(rows: rows, columnName: name, keepCodes: keepCodes)
            try run(&sink, bytes, pages: pages, scratch: scratch, validity: &validity)
            if case .decimal = field.type { try checkDecimalWidths(sink.output) }
            if let kept = sink.recorder?.codes(rows: rows), let dictionary = sink.dictionary {
                codes = DictionaryCodes(codes: kept, values: .bytes(dictionary))
            }
            return .bytes(sink.output)
        case .boolean:
            return .boolean(try fixed(Bool.self, width: 1, physical, bytes, pages, scratch, &validity))
        case .int32:
            return .int32(try fixed(Int32.self, width: 4, physical, bytes, pages, scratch, &validity, codes: &codes))
        case .int64:
            return .int64(try fixed(Int64.self, width: 8, physical, bytes, pages, scratch, &validity, codes: &codes))
        case .float:
            return .float(try fixed(Float.self, width: 4, physical, bytes, pages, scratch, &validity))
        case .double:
            return .double(try fixed(Double.self, width: 8, physical, bytes, pages, scratch, &validity, codes: &codes))
        case .int96:
            let raw = try fixed(UInt8.self, width: 12, physical, bytes, pages, scratch, &validity)
            var unit = TimeUnit.microseconds
            if case .timestamp(let fieldUnit, _) = field.type { unit = fieldUnit }
            return .int64(try Int96Timestamps.values(raw, unit: unit, validity: validity, columnName: name))
        case .fixedLenByteArray:
            let width = Int(descriptor.element.typeLength ?? 0)
            let raw = try fixed(UInt8.self, width: width, physical, bytes, pages, scratch, &validity)
            if field.type == .float32 { return .float(HalfFloat.floats(raw)) }
            return .fixedBytes(width: width, data: raw)
        case .unknown(let number):
            throw .unsupported("Column '\(name)' has the unknown physical type \(number).")
        }
    }

    /// Decodes a fixed-width column into an array of `T`, `width / stride` elements per row.
    private func fixed<T>(
        _ type: T.Type, width: Int, _ physical: PhysicalType, _ bytes: UnsafeRawBufferPointer, _ pages: ChunkPages,
        _ scratch: UnsafeMutableRawBufferPointer, _ validity: inout [Bool]?
    ) throws(ParquetError) -> [T] {
        var ignored: DictionaryCodes?
        return try fixed(type, width: width, physical, bytes, pages, scratch, &validity, codes: &ignored)
    }

    /// Decodes a fixed-width column as ``fixed(_:width:_:_:_:_:_:)`` does, keeping its dictionary
    /// codes in `codes` when asked to and when every page is dictionary-encoded (one value a row).
    private func fixed<T>(
        _ type: T.Type, width: Int, _ physical: PhysicalType, _ bytes: UnsafeRawBufferPointer, _ pages: ChunkPages,
        _ scratch: UnsafeMutableRawBufferPointer, _ validity: inout [Bool]?, codes: inout DictionaryCodes?
    ) throws(ParquetError) -> [T] {
        let perRow = width / MemoryLayout<T>.stride
        var flags = validity
        var kept: (codes: [UInt32], dictionary: [UInt8], count: Int)?
        let keep = keepCodes && perRow == 1 && width == MemoryLayout<T>.stride
        var dense = rows * perRow
        var values = try [T].filled(count: rows * perRow) { (output) throws(ParquetError) in
            var sink = FixedWidthSink(
                physicalType: physical, width: width, output: output, columnName: descriptor.name,
                keepCodesOf: keep ? rows : nil)
            try run(&sink, bytes, pages: pages, scratch: scratch, validity: &flags)
            if let levels {
                dense = levels.present * perRow
                return
            }
            if let recorded = sink.recorder?.codes(rows: rows), let dictionary = sink.dictionary {
                kept = (recorded, dictionary, sink.dictionaryCount)
            }
        }
        validity = flags
        // A nested leaf's values are dense: only the first `present` slots were written.
        if dense < values.count { values.removeLast(values.count - dense) }
        if let kept {
            let entries = [T](unsafeUninitializedCapacity: kept.count) { buffer, initialized in
                kept.dictionary.withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(
                        from: UnsafeRawBufferPointer(rebasing: raw[0..<(kept.count * width)]))
                }
                initialized = kept.count
            }
            switch entries {
            case let entries as [Int64]: codes = DictionaryCodes(codes: kept.codes, values: .int64(entries))
            case let entries as [Int32]: codes = DictionaryCodes(codes: kept.codes, values: .int32(entries))
            case let entries as [Double]: codes = DictionaryCodes(codes: kept.codes, values: .double(entries))
            default: break
            }
        }
        return values
    }

    /// Feeds every page of the chunk to `sink`.
    private func run<Sink: ColumnValueSink>(
        _ sink: inout Sink, _ bytes: UnsafeRawBufferPointer, pages: ChunkPages,
        scratch: UnsafeMutableRawBufferPointer, validity: inout [Bool]?
    ) throws(ParquetError) {
        if let dictionary = pages.dictionary {
            try withLocation(dictionary) { () throws(ParquetError) in
                try readDictionary(dictionary, into: &sink, bytes, scratch: scratch)
            }
        }
        if let levels {
            try runNested(&sink, bytes, pages: pages, scratch: scratch, levels: levels)
            return
        }
        var row = 0
        for page in pages.data {
            try withLocation(page) { () throws(ParquetError) in
                if validity != nil {
                    try validity!.withMutableBytes { (flags) throws(ParquetError) in
                        let rowFlags = flags.baseAddress!.assumingMemoryBound(to: UInt8.self) + row
                        let (data, present) = try DataPage.open(
                            page, in: bytes, codec: codec, maxDefinitionLevel: descriptor.maxDefinitionLevel,
                            scratch: scratch, validity: rowFlags)
                        try sink.decode(
                            data.encoding, data.values, present: present, rows: data.numValues, validity: rowFlags,
                            at: row)
                        row += data.numValues
                    }
                } else {
                    let (data, present) = try DataPage.open(
                        page, in: bytes, codec: codec, maxDefinitionLevel: 0, scratch: scratch, validity: nil)
                    try sink.decode(data.encoding, data.values, count: present, at: row)
                    row += data.numValues
                }
            }
        }
    }

    private func readDictionary<Sink: ColumnValueSink>(
        _ page: PageLayout, into sink: inout Sink, _ bytes: UnsafeRawBufferPointer,
        scratch: UnsafeMutableRawBufferPointer
    ) throws(ParquetError) {
        guard let header = page.header.dictionaryPageHeader else { return }
        guard header.encoding == .plain || header.encoding == .plainDictionary else {
            throw .unsupported("The dictionary page uses the encoding \(header.encoding), which Weir does not read.")
        }
        guard header.numValues >= 0 else {
            throw .corrupt("The dictionary page claims \(header.numValues) values.")
        }
        var data = UnsafeRawBufferPointer(rebasing: bytes[page.bodyOffset..<(page.bodyOffset + page.bodyLength)])
        if codec != .uncompressed {
            let target = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<Int(page.header.uncompressedPageSize)])
            try PageDecompressor.decompress(data, codec: codec, into: target)
            data = UnsafeRawBufferPointer(target)
        }
        try sink.setDictionary(data, count: Int(header.numValues))
    }

    func withLocation(_ page: PageLayout, _ body: () throws(ParquetError) -> Void) throws(ParquetError) {
        do throws(ParquetError) {
            try body()
        } catch {
            throw error.at(location: "page at byte \(page.fileOffset)")
        }
    }

    /// Whether a flag is false: eight flags at a time (a `Bool` is one byte, 0 or 1), since a column
    /// without nulls is read to its end.
    static func hasNull(_ flags: [Bool]) -> Bool {
        flags.withUnsafeBytes { bytes in
            let allSet: UInt64 = 0x0101_0101_0101_0101
            var index = 0
            while index + 8 <= bytes.count {
                if bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) != allSet { return true }
                index += 8
            }
            while index < bytes.count {
                if bytes[index] == 0 { return true }
                index += 1
            }
            return false
        }
    }

    /// The most bytes one column chunk may decode to; far above real row groups, and a bound on
    /// what a small hostile file (a long run of one dictionary entry) can make the reader allocate.
    static let maximumOutputBytes = 1 << 32

    /// Fixed-length values up to this width are accepted whatever the size of the chunk's pages.
    static let alwaysAcceptedWidth = 32

    /// Checks what the chunk will decode to before anything is allocated for it.
    func checkOutputSize(_ pages: ChunkPages) throws(ParquetError) {
        var width = 8
        if descriptor.element.type == .fixedLenByteArray {
            width = Int(descriptor.element.typeLength ?? 0)
            // Every distinct value is stored whole in some page, so no value is wider than the largest page;
            // but a chunk of nulls has pages of levels alone, so widths up to a 256-bit decimal's always pass.
            guard width <= max(pages.largestUncompressedSize, Self.alwaysAcceptedWidth) else {
                throw .corrupt(
                    "Column '\(descriptor.name)' declares values of \(width) bytes, wider than any of its pages.")
            }
        } else if descriptor.element.type == .int96 {
            width = 12
        }
        let (bytes, overflow) = rows.multipliedReportingOverflow(by: width)
        guard !overflow, bytes <= Self.maximumOutputBytes else {
            throw .unsupported(
                "Column '\(descriptor.name)' would decode to more than 4 GiB in one row group, more than Weir reads "
                    + "at once. Rewrite the file with smaller row groups.")
        }
    }

    /// Decimal values must fit the 16 bytes of an `Int128`.
    private func checkDecimalWidths(_ values: ByteArrays) throws(ParquetError) {
        for index in 0..<values.count where values.offsets[index + 1] - values.offsets[index] > 16 {
            throw .unsupported(
                "Column '\(descriptor.name)' holds a decimal of \(values.offsets[index + 1] - values.offsets[index]) "
                    + "bytes; Weir reads decimals of up to 16 bytes.")
        }
    }
}
