import WeirColumns

/// Turns a stream of partial states sorted by group key into results: consecutive states of the
/// same key are combined into one group, and each group is finished once its key has passed.
///
/// State batches hold the group columns, then each accumulator's state columns, then the key bytes.
struct StateCombiner: BatchStream {
    let schema: Schema
    private var input: SortedMerge
    private let groupCount: Int
    private var accumulators: [AggregateAccumulator]
    private let minCount: Int
    private let batchRows: Int
    private var groupColumns: [ColumnBuilder]?
    private var lastKey: [UInt8]?
    private var groups = 0
    private var finished = false

    init(
        _ input: SortedMerge, schema: Schema, groupCount: Int, accumulators: [AggregateAccumulator], minCount: Int,
        batchRows: Int
    ) {
        self.input = input
        self.schema = schema
        self.groupCount = groupCount
        self.accumulators = accumulators
        for index in self.accumulators.indices { self.accumulators[index].removeAll() }
        self.minCount = minCount
        self.batchRows = batchRows
    }

    mutating func next() throws -> RecordBatch? {
        while !finished {
            guard let batch = try input.next() else {
                finished = true
                break
            }
            try add(batch)
            // The last group may still take states from the next batch, so only the ones before it are done.
            if groups > batchRows { return emit(keepingLast: true) }
        }
        return groups > 0 ? emit(keepingLast: false) : nil
    }

    private mutating func add(_ batch: RecordBatch) throws {
        if groupColumns == nil {
            groupColumns = (0..<groupCount).map { ColumnBuilder(like: batch.columns[$0]) }
        }
        let keyIndex = batch.columns.count - 1
        guard case .bytes(let keys) = batch.columns[keyIndex].storage else { return }
        var stateStart = groupCount
        let ranges = accumulators.map { accumulator in
            let count = accumulator.stateFields("").count
            defer { stateStart += count }
            return stateStart..<(stateStart + count)
        }
        for row in 0..<batch.rowCount {
            let key = keys[row]
            if lastKey == nil || !lastKey!.elementsEqual(key) {
                lastKey = Array(key)
                for index in groupColumns!.indices { groupColumns![index].append(from: batch.columns[index], row: row) }
                for index in accumulators.indices { accumulators[index].addGroups(1) }
                groups += 1
            }
            for index in accumulators.indices {
                try accumulators[index].merge(batch.columns[ranges[index]], row: row, into: groups - 1)
            }
        }
    }

    /// The finished groups as a batch; with `keepingLast`, the last group stays to take more states.
    private mutating func emit(keepingLast: Bool) -> RecordBatch {
        let count = keepingLast ? groups - 1 : groups
        let order = Array(0..<count)
        var columns: [Column] = []
        var kept: [ColumnBuilder] = []
        for index in groupColumns!.indices {
            let all = groupColumns![index].finish()
            var column = all.gather(order)
            column.field = schema.fields[index]
            columns.append(column)
            var builder = ColumnBuilder(like: all)
            if keepingLast { builder.append(from: all, row: groups - 1) }
            kept.append(builder)
        }
        groupColumns = kept
        columns += accumulators.map { $0.finish(order: order, minCount: minCount) }
        for index in accumulators.indices { accumulators[index].keepOnly(keepingLast ? groups - 1 : nil) }
        groups = keepingLast ? 1 : 0
        return RecordBatch(schema: schema, columns: columns)
    }
}
