import WeirColumns

/// Right rows held in memory and indexed for the join's kind: what both join strategies probe.
enum JoinTable {
    case hash(HashJoinTable, inner: Bool)
    case asof(AsofTable)
    case nearest(NearestTable)

    var batch: RecordBatch {
        switch self {
        case .hash(let table, _): table.batch
        case .asof(let table): table.batch
        case .nearest(let table): table.batch
        }
    }

    var memorySize: Int {
        switch self {
        case .hash(let table, _): table.memorySize
        case .asof(let table): table.memorySize
        case .nearest(let table): table.memorySize
        }
    }

    func probe(_ left: RecordBatch, keys: JoinKeys) -> JoinPairs {
        switch self {
        case .hash(let table, let inner): table.probe(left, keys: keys, inner: inner)
        case .asof(let table): table.probe(left)
        case .nearest(let table): table.probe(left)
        }
    }

    /// The right rows no left row was paired with (outer joins), else no rows.
    func unmatched() -> JoinPairs {
        if case .hash(let table, _) = self { return table.unmatched() }
        return JoinPairs(left: [], right: [])
    }
}
