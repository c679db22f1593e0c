import WeirColumns

/// The rows of one column that make one column chunk, held contiguously.
///
/// A row group built from one batch refers to the batch's arrays without copying them; rows from
/// several batches are copied together once, on the encoding thread.
struct ChunkData: Sendable {
    var storage: ColumnStorage
    /// `nil` when no row of `rows` is null.
    var validity: [Bool]?
    /// The rows of `storage` that belong to the chunk.
    var rows: Range<Int>
    /// For a leaf of a nested column, one definition level per row of `rows`, indexed from
    /// `rows.lowerBound`; `nil` for a flat column, whose levels `validity` gives.
    var definition: [UInt8]?
    /// For a leaf below a list or map, one repetition level per row, indexed like `definition`.
    var repetition: [UInt8]?

    var count: Int { rows.count }

    /// The rows of `segments`, in order, as one chunk.
    init(segments: [(column: Column, rows: Range<Int>)], kind: ColumnStorage.Kind, width: Int) {
        if segments.count == 1 {
            storage = segments[0].column.storage
            validity = segments[0].column.validity
            rows = segments[0].rows
            return
        }
        let total = segments.reduce(0) { $0 + $1.rows.count }
        rows = 0..<total
        if segments.contains(where: { $0.column.validity != nil }) {
            var flags: [Bool] = []
            flags.reserveCapacity(total)
            for (column, rows) in segments {
                if let validity = column.validity {
                    flags.append(contentsOf: validity[rows])
                } else {
                    flags.append(contentsOf: repeatElement(true, count: rows.count))
                }
            }
            validity = flags
        } else {
            validity = nil
        }
        switch kind {
        case .boolean:
            storage = .boolean(Self.concatenate(segments, total) { if case .boolean(let v) = $0 { v } else { nil } })
        case .int32:
            storage = .int32(Self.concatenate(segments, total) { if case .int32(let v) = $0 { v } else { nil } })
        case .int64:
            storage = .int64(Self.concatenate(segments, total) { if case .int64(let v) = $0 { v } else { nil } })
        case .float:
            storage = .float(Self.concatenate(segments, total) { if case .float(let v) = $0 { v } else { nil } })
        case .double:
            storage = .double(Self.concatenate(segments, total) { if case .double(let v) = $0 { v } else { nil } })
        case .fixedBytes:
            var data: [UInt8] = []
            data.reserveCapacity(total * width)
            for (column, rows) in segments {
                guard case .fixedBytes(_, let bytes) = column.storage else { preconditionFailure("storage changed") }
                data.append(contentsOf: bytes[(rows.lowerBound * width)..<(rows.upperBound * width)])
            }
            storage = .fixedBytes(width: width, data: data)
        case .bytes:
            var offsets: [Int] = [0]
            offsets.reserveCapacity(total + 1)
            var data: [UInt8] = []
            for (column, rows) in segments {
                guard case .bytes(let values) = column.storage else { preconditionFailure("storage changed") }
                let start = values.offsets[rows.lowerBound]
                let shift = data.count - start
                data.append(contentsOf: values.data[start..<values.offsets[rows.upperBound]])
                for index in (rows.lowerBound + 1)...rows.upperBound {
                    offsets.append(values.offsets[index] + shift)
                }
            }
            storage = .bytes(ByteArrays(offsets: offsets, data: data))
        case .list, .structure, .map:
            preconditionFailure("a nested column is written leaf by leaf (init(leaf:segments:))")
        }
    }

    /// The slots of leaf `leaf` of a nested column, shredded from the rows of `segments`. Each
    /// segment is shredded where it lies and only the leaf's values and levels are joined, so that
    /// no other part of the nested column is copied.
    init(leaf: WriterColumn, segments: [(column: Column, rows: Range<Int>)]) throws(ParquetError) {
        var parts: [ShreddedLeaf] = []
        for (column, rows) in segments {
            parts.append(try LevelShredder.shred(column, rows: rows, leaf: leaf))
        }
        // One part is taken as it is (no copy); several are joined.
        let values = parts.map { part in
            (column: Column(field: leaf.field, storage: part.storage, validity: part.validity), rows: part.rows)
        }
        self.init(segments: values, kind: leaf.storage, width: leaf.width)
        if parts.count == 1 {
            definition = parts[0].definition
            repetition = parts[0].repetition
        } else {
            definition = parts.flatMap(\.definition)
            // A leaf below a list or map has repetition levels in every part, one outside in none.
            repetition = leaf.maxRepetition > 0 ? parts.flatMap { $0.repetition ?? [] } : nil
        }
    }

    private static func concatenate<T>(
        _ segments: [(column: Column, rows: Range<Int>)],
        _ total: Int,
        _ values: (ColumnStorage) -> [T]?
    ) -> [T] {
        var result: [T] = []
        result.reserveCapacity(total)
        for (column, rows) in segments {
            guard let array = values(column.storage) else { preconditionFailure("storage changed") }
            result.append(contentsOf: array[rows])
        }
        return result
    }

    /// The number of null rows.
    var nullCount: Int {
        guard let validity else { return 0 }
        var nulls = 0
        for index in rows where !validity[index] { nulls += 1 }
        return nulls
    }

    /// The bytes the rows take in memory, as the row-group size limit counts them.
    static func byteSize(of column: Column, rows: Range<Int>) -> Int {
        switch column.storage {
        case .boolean: rows.count
        case .int32, .float: rows.count * 4
        case .int64, .double: rows.count * 8
        case .fixedBytes(let width, _): rows.count * width
        case .bytes(let values): values.offsets[rows.upperBound] - values.offsets[rows.lowerBound] + rows.count * 4
        case .list(let offsets, let elements):
            rows.count * 4 + byteSize(of: elements, rows: offsets[rows.lowerBound]..<offsets[rows.upperBound])
        case .map(let offsets, let keys, let values):
            rows.count * 4 + byteSize(of: keys, rows: offsets[rows.lowerBound]..<offsets[rows.upperBound])
                + byteSize(of: values, rows: offsets[rows.lowerBound]..<offsets[rows.upperBound])
        case .structure(_, let fields): rows.count + fields.reduce(0) { $0 + byteSize(of: $1, rows: rows) }
        }
    }
}
