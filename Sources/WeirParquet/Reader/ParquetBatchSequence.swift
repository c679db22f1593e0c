import WeirColumns

/// The row groups of a file as record batches, read one at a time as the sequence is iterated.
///
/// Each element is a `Result`, since reading can fail part way:
///
/// ```swift
/// for batch in reader.batches(columns: ["timestamp", "i_a"]) {
///     let batch = try batch.get()
///     …
/// }
/// ```
///
/// After the first failure the sequence ends.
public struct ParquetBatchSequence: Sequence, Sendable {
    let reader: ParquetFileReader
    let columns: [String]?
    let rowGroups: [Int]

    public func makeIterator() -> Iterator {
        Iterator(reader: reader, columns: columns, rowGroups: rowGroups)
    }

    /// The row groups that the sequence reads, after statistics pruning.
    public var rowGroupIndices: [Int] { rowGroups }

    public struct Iterator: IteratorProtocol {
        let reader: ParquetFileReader
        let columns: [String]?
        let rowGroups: [Int]
        private var position = 0
        private var selected: [TopLevelColumn]?
        private var failed = false

        init(reader: ParquetFileReader, columns: [String]?, rowGroups: [Int]) {
            self.reader = reader
            self.columns = columns
            self.rowGroups = rowGroups
        }

        public mutating func next() -> Result<RecordBatch, ParquetError>? {
            do throws(ParquetError) {
                return try nextBatch().map { .success($0) }
            } catch {
                return .failure(error)
            }
        }

        /// The next batch, or `nil` at the end; throws instead of returning a failure.
        public mutating func nextBatch() throws(ParquetError) -> RecordBatch? {
            guard !failed, position < rowGroups.count else { return nil }
            do throws(ParquetError) {
                let selected: [TopLevelColumn]
                if let known = self.selected {
                    selected = known
                } else {
                    selected = try reader.selectColumns(columns)
                    self.selected = selected
                }
                let batch = try reader.readRowGroup(rowGroups[position], selected: selected)
                position += 1
                return batch
            } catch {
                failed = true
                throw error
            }
        }
    }
}

extension ParquetFileReader {
    /// The row groups as batches, one per row group, read lazily as the sequence is iterated.
    ///
    /// - Parameters:
    ///   - columns: names of top-level columns to read; `nil` reads every column Weir supports.
    ///   - predicate: when given, row groups whose statistics rule it out are skipped. Rows of
    ///     the remaining row groups are not filtered.
    public func batches(columns: [String]? = nil, where predicate: ParquetPredicate? = nil) -> ParquetBatchSequence {
        let groups = predicate.map { rowGroups(matching: $0) } ?? Array(metadata.rowGroups.indices)
        return ParquetBatchSequence(reader: self, columns: columns, rowGroups: groups)
    }
}
