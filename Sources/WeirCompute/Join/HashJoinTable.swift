import WeirColumns

/// The right rows of a key join held in memory, by key: a hash table from each key to its rows in
/// input order. A row with a null key is never found.
final class HashJoinTable {
    let batch: RecordBatch
    private var table = KeyTable()
    /// The first right row of each key, and after each row the next one with its key (-1: none).
    private var first: [Int32] = []
    private var following: [Int32]
    /// Whether each right row has been paired (for outer joins).
    private(set) var matched: [Bool]

    init(_ batch: RecordBatch, keys: JoinKeys) {
        self.batch = batch
        following = [Int32](repeating: -1, count: batch.rowCount)
        matched = [Bool](repeating: false, count: batch.rowCount)
        table = KeyTable(capacity: max(16, batch.rowCount))
        let (encoded, present) = keys.encode(batch, side: .right)
        var last: [Int32] = []
        encoded.bytes.withUnsafeBufferPointer { bytes in
            for row in 0..<batch.rowCount where present?[row] ?? true {
                let key = UnsafeBufferPointer(rebasing: bytes[encoded.offsets[row]..<encoded.offsets[row + 1]])
                let (group, inserted) = table.group(of: key)
                if inserted {
                    first.append(Int32(row))
                    last.append(Int32(row))
                } else {
                    following[Int(last[group])] = Int32(row)
                    last[group] = Int32(row)
                }
            }
        }
    }

    /// The pairs of `left`'s rows: each left row with every right row of its key, in right input
    /// order; a left row without one once with none unless `inner`.
    func probe(_ left: RecordBatch, keys: JoinKeys, inner: Bool) -> JoinPairs {
        let (encoded, present) = keys.encode(left, side: .left)
        var pairs = JoinPairs(left: [], right: [])
        var leftRows: [Int32] = []
        var rightRows: [Int32] = []
        leftRows.reserveCapacity(left.rowCount)
        rightRows.reserveCapacity(left.rowCount)
        encoded.bytes.withUnsafeBufferPointer { bytes in
            for row in 0..<left.rowCount {
                var group: Int?
                if present?[row] ?? true {
                    let key = UnsafeBufferPointer(rebasing: bytes[encoded.offsets[row]..<encoded.offsets[row + 1]])
                    group = table.find(key)
                }
                guard let group else {
                    if !inner {
                        leftRows.append(Int32(row))
                        rightRows.append(-1)
                    }
                    continue
                }
                var match = first[group]
                while match >= 0 {
                    leftRows.append(Int32(row))
                    rightRows.append(match)
                    matched[Int(match)] = true
                    match = following[Int(match)]
                }
            }
        }
        pairs.left = leftRows
        pairs.right = rightRows
        return pairs
    }

    /// The right rows never paired, in input order, each with no left row.
    func unmatched() -> JoinPairs {
        var rows: [Int32] = []
        for row in matched.indices where !matched[row] { rows.append(Int32(row)) }
        return JoinPairs(left: [Int32](repeating: -1, count: rows.count), right: rows)
    }

    var memorySize: Int { batch.memorySize + following.count * 5 + first.count * 4 + table.memorySize }
}
