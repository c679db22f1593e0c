import WeirColumns

/// The repetition and definition levels of one leaf of a nested column in one row group, one
/// byte per level entry, filled page by page.
final class LeafLevels {
    var repetition: [UInt8]
    var definition: [UInt8]
    /// Entries filled so far.
    var count = 0
    /// Entries whose definition level is the leaf's maximum: the values decoded.
    var present = 0
    /// At index `r`, the definition level of the leaf's `r`-th repeated ancestor (0 at 0): an
    /// entry repeating at level `r` adds an element to that list, so it is defined at least that far.
    let repeatedDefinitions: [Int]

    /// The number of entries the buffers are for, allocated by ``allocate()``.
    let entries: Int

    init(entries: Int, repeatedDefinitions: [Int]) {
        repetition = []
        definition = []
        self.entries = entries
        self.repeatedDefinitions = repeatedDefinitions
    }

    /// Allocates the buffers, once the pages have been found to hold `entries` values: the count
    /// comes from the footer, and a damaged one must not make the reader allocate gigabytes.
    func allocate() {
        repetition = [UInt8](repeating: 0, count: entries)
        definition = [UInt8](repeating: 0, count: entries)
    }

    /// Checks the entries `range` against the Dremel rules the assembly relies on.
    func check(_ range: Range<Int>) throws(ParquetError) {
        guard !range.isEmpty else { return }
        if range.lowerBound == 0 && repetition[0] != 0 {
            throw .corrupt(
                "The first value of the column chunk has a repetition level of \(repetition[0]); a column chunk "
                    + "starts a row, at level 0.")
        }
        for entry in range {
            let level = Int(repetition[entry])
            // A damaged page can hold a level its bit width allows but the column does not.
            guard level < repeatedDefinitions.count else {
                throw .corrupt(
                    "Value \(entry - range.lowerBound) of the page repeats at level \(level), above the column's "
                        + "maximum repetition level of \(repeatedDefinitions.count - 1).")
            }
            guard level == 0 || Int(definition[entry]) >= repeatedDefinitions[level] else {
                throw .corrupt(
                    "Value \(entry - range.lowerBound) of the page repeats at level \(level) with a definition level "
                        + "of \(definition[entry]), below the \(repeatedDefinitions[level]) that level's elements have.")
            }
        }
    }

    /// The number of rows the entries make: the entries that start a row.
    var rows: Int {
        var rows = 0
        for index in 0..<count where repetition[index] == 0 { rows += 1 }
        return rows
    }
}

/// A leaf of a nested column as read from one column chunk: its levels and its values, dense
/// (the present ones only, in order).
struct LeafData {
    var levels: LeafLevels
    var values: ColumnStorage
}

extension ColumnChunkDecoder {
    /// Decodes the chunk of a nested column's leaf: `rows` must be the chunk's number of level
    /// entries and `levels` set to buffers of that size.
    func decodeLeaf() throws(ParquetError) -> LeafData {
        guard let levels else { preconditionFailure("decodeLeaf needs level buffers") }
        guard descriptor.maxDefinitionLevel <= Int(UInt8.max), descriptor.maxRepetitionLevel <= Int(UInt8.max) else {
            throw .unsupported("Column '\(descriptor.name)' nests deeper than 255 levels, more than Weir reads.")
        }
        let storage = try chunk.withBytes { (bytes) throws(ParquetError) -> ColumnStorage in
            let pages = try ChunkPages.scan(bytes, expectedValues: rows, codec: codec, fileOffset: fileOffset)
            try checkOutputSize(pages)
            levels.allocate()
            let scratch = UnsafeMutableRawBufferPointer.allocate(
                byteCount: pages.largestUncompressedSize, alignment: 16)
            defer { scratch.deallocate() }
            var validity: [Bool]? = nil
            var codes: DictionaryCodes?
            return try decodeStorage(bytes, pages: pages, scratch: scratch, validity: &validity, codes: &codes)
        }
        guard levels.count == rows else {
            throw .corrupt("Column '\(descriptor.name)' holds \(levels.count) values where its metadata claims \(rows).")
        }
        guard storage.count == levels.present else {
            throw .corrupt(
                "Column '\(descriptor.name)' decoded \(storage.count) values where its definition levels mark "
                    + "\(levels.present).")
        }
        return LeafData(levels: levels, values: storage)
    }

    /// Feeds every data page to `sink` densely, decoding the pages' levels into `levels`.
    func runNested<Sink: ColumnValueSink>(
        _ sink: inout Sink, _ bytes: UnsafeRawBufferPointer, pages: ChunkPages,
        scratch: UnsafeMutableRawBufferPointer, levels: LeafLevels
    ) throws(ParquetError) {
        for page in pages.data {
            try withLocation(page) { () throws(ParquetError) in
                let start = levels.count
                let room = levels.definition.count - start
                let opened = try levels.repetition.withUnsafeMutableBufferPointer {
                    (repetition) throws(ParquetError) -> NestedDataPage in
                    try levels.definition.withUnsafeMutableBufferPointer {
                        (definition) throws(ParquetError) -> NestedDataPage in
                        try NestedDataPage.open(
                            page, in: bytes, codec: codec, maxRepetitionLevel: descriptor.maxRepetitionLevel,
                            maxDefinitionLevel: descriptor.maxDefinitionLevel, scratch: scratch, room: room,
                            repetition: repetition.baseAddress! + start, definition: definition.baseAddress! + start)
                    }
                }
                try levels.check(start..<(start + opened.numValues))
                try sink.decode(opened.encoding, opened.values, count: opened.present, at: levels.present)
                levels.count += opened.numValues
                levels.present += opened.present
            }
        }
    }
}
