/// The repetition and definition levels of a nested leaf's chunk, for the page writers.
struct ChunkLevels {
    /// One level per row of the chunk, the chunk's first row at index 0.
    let definition: [UInt8]
    let repetition: [UInt8]?
    /// The chunk's first row.
    let base: Int
    /// The bits of one level; 0 when the column has no such levels.
    let definitionWidth: Int
    let repetitionWidth: Int

    /// The levels of `data` for leaf `column`, or `nil` for a flat column.
    init?(_ data: ChunkData, column: WriterColumn) {
        guard let definition = data.definition else { return nil }
        self.definition = definition
        repetition = data.repetition
        base = data.rows.lowerBound
        definitionWidth = Self.width(column.maxDefinition)
        repetitionWidth = Self.width(column.maxRepetition)
    }

    private static func width(_ maximum: Int) -> Int {
        maximum == 0 ? 0 : RLEHybridEncoder.bitWidth(forMaximum: UInt32(maximum))
    }

    /// The first row at or after `end` that starts a record, or `limit`: pages hold whole records.
    func recordEnd(_ end: Int, limit: Int) -> Int {
        guard let repetition else { return end }
        var row = end
        while row < limit && repetition[row - base] != 0 { row += 1 }
        return row
    }

    /// The last row at or before `end` that starts a record (or `end` when it is `limit`).
    func recordStart(_ end: Int, limit: Int) -> Int {
        guard let repetition, end < limit else { return end }
        var row = end
        while row > base && repetition[row - base] != 0 { row -= 1 }
        return row
    }

    /// An upper bound of the bytes the levels of `count` rows take in a version 1 page.
    func encodedBound(count: Int) -> Int {
        var bound = 0
        for width in [definitionWidth, repetitionWidth] where width > 0 {
            bound += 4 + RLEHybridEncoder.maxEncodedSize(count: count, bitWidth: width)
        }
        return bound
    }

    /// Writes the repetition levels, then the definition levels of `rows`, each with its 4-byte
    /// length, as a version 1 data page begins.
    func encode(_ rows: Range<Int>, into output: inout EncoderOutput) {
        let slots = (rows.lowerBound - base)..<(rows.upperBound - base)
        if repetitionWidth > 0, let repetition {
            Self.encode(repetition, slots, width: repetitionWidth, into: &output)
        }
        if definitionWidth > 0 {
            Self.encode(definition, slots, width: definitionWidth, into: &output)
        }
    }

    private static func encode(_ levels: [UInt8], _ slots: Range<Int>, width: Int, into output: inout EncoderOutput) {
        let start = output.count
        output.appendLittleEndian(UInt32(0))
        levels.withUnsafeBufferPointer {
            RLEHybridEncoder.encode(UnsafeBufferPointer(rebasing: $0[slots]), bitWidth: width, into: &output)
        }
        output.patchLittleEndian(UInt32(output.count - start - 4), at: start)
    }
}
