import WeirColumns

/// Finds the groups of rows keyed by at most one text or integer column and a last 64-bit
/// integer column (a resample's group and time bucket) without encoding each row's key.
///
/// The first column's values are numbered (``ValueNumbering``) and each (number, integer) pair is
/// mapped to its group in a ``PairTable``; only a pair not seen before has its key encoded and
/// looked up in the aggregation's ``KeyTable``, which stays the one record of the groups (their
/// order, their spilled keys). Batches it does not fit (another storage, a null in the last
/// column) take the general path.
struct PairGrouping {
    /// The first column's index, `nil` when the key is the integer column alone.
    private let prefixIndex: Int?
    private let lastIndex: Int
    private var numbering = ValueNumbering()
    private var pairs = PairTable()

    /// A grouping for `groupIndices`, or `nil` when the key does not have this shape.
    init?(groupIndices: [Int], schema: Schema) {
        guard let last = groupIndices.last, groupIndices.count <= 2,
            schema.fields[last].type.defaultStorageKind == .int64
        else { return nil }
        lastIndex = last
        prefixIndex = groupIndices.count == 2 ? groupIndices[0] : nil
    }

    /// About how many bytes it takes besides the key table.
    var memorySize: Int { numbering.memorySize + pairs.memorySize }

    /// Whether `batch` can be grouped here.
    func fits(_ batch: RecordBatch) -> Bool {
        let last = batch.columns[lastIndex]
        guard case .int64 = last.storage, last.validity == nil else { return false }
        guard let prefixIndex else { return true }
        return ValueNumbering.accepts(batch.columns[prefixIndex].storage)
    }

    /// The group of every row of `batch` (which ``fits(_:)``), adding new groups to `table` with
    /// their keys from `encoder`.
    /// - Returns: the rows that start a new group, in order.
    mutating func groups(
        of batch: RecordBatch, table: inout KeyTable, encoder: KeyEncoder, into groups: inout [Int]
    ) -> [Int] {
        let rows = batch.rowCount
        let prefixes = prefixIndex.map { numbering.numbers(of: batch.columns[$0]) } ?? []
        guard case .int64(let lasts) = batch.columns[lastIndex].storage else { return [] }
        var firstRows: [Int] = []
        var key: [UInt8] = []
        let hasPrefix = prefixIndex != nil
        // The previous batch's groups go first, so that two batches' arrays are never held at once.
        groups = []
        groups = [Int](unsafeUninitializedCapacity: rows) { groups, initialized in
            lasts.withUnsafeBufferPointer { lasts in
                prefixes.withUnsafeBufferPointer { prefixes in
                    for row in 0..<rows {
                        let prefix = hasPrefix ? prefixes[row] : 0
                        let found = pairs.value(of: prefix, lasts[row])
                        if found >= 0 {
                            groups[row] = Int(found)
                            continue
                        }
                        key.removeAll(keepingCapacity: true)
                        encoder.append(row, of: batch, to: &key)
                        let (group, isNew) = key.withUnsafeBufferPointer { table.group(of: $0) }
                        if isNew { firstRows.append(row) }
                        pairs.insert(prefix, lasts[row], value: Int32(group))
                        groups[row] = group
                    }
                }
            }
            initialized = rows
        }
        return firstRows
    }
}

extension PairGrouping {
    /// Forgets every group (the key table was spilled and starts again empty).
    mutating func removeAll() {
        numbering = ValueNumbering()
        pairs = PairTable()
    }
}
