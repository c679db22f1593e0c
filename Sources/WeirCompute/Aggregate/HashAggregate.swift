import WeirColumns

/// Groups its input by key columns and aggregates each group, within a memory budget.
///
/// Groups live in a hash table keyed by the encoded group columns. When the budget refuses the
/// table's growth, the table's partial states are sorted by key and spilled to a file, and the
/// table starts again empty; at the end the spilled runs are merged by key and states of the
/// same group combined. Either way the output comes ordered by the group columns (nulls last),
/// so the result is the same however the input is ordered or split.
public struct HashAggregate: BatchStream {
    public let schema: Schema
    private var input: any BatchStream
    private let groupBy: [String]
    private let groupIndices: [Int]
    private let encoder: KeyEncoder
    private let orderIndex: Int?
    private let minCount: Int
    private let batchRows: Int
    private let spill: SpillFolder?
    private let reservation: MemoryReservation
    private var table = KeyTable()
    /// The fast path to groups for a key of at most one text or integer column and a time bucket.
    private var pairGrouping: PairGrouping?
    private var accumulators: [AggregateAccumulator]
    /// Aggregations of one floating-point column updated in one pass, and the others.
    private var fused: [FusedDoubleUpdate]
    private let separate: [Int]
    private var groupColumns: [ColumnBuilder]
    private var runs: [SpillFile] = []
    private var rowsSeen: Int64 = 0
    private var output: (any BatchStream)?

    /// - Parameters:
    ///   - input: the rows to aggregate.
    ///   - groupBy: the group columns; none for one group over all rows.
    ///   - aggregations: the output columns after the group columns.
    ///   - orderBy: an integer or timestamp column that decides `first` and `last`; input order when `nil`.
    ///   - minCount: results from fewer values than this are null (`count` is always given).
    ///   - budget: where the table reserves its bytes.
    ///   - spill: where partial states go when the budget refuses; `nil` to fail instead.
    ///   - batchRows: rows per output batch.
    /// - Throws: `ComputeError` for an unknown column, an aggregation that does not fit its
    ///   column's type, or output names that clash.
    public init(
        _ input: any BatchStream, groupBy: [String], aggregations: [Aggregation], orderBy: String? = nil,
        minCount: Int = 1, budget: MemoryBudget, spill: SpillFolder?, batchRows: Int = 65_536
    ) throws {
        let schema = input.schema
        groupIndices = try groupBy.map { try schema.requireFlatIndex(of: $0, for: "an aggregation") }
        encoder = try KeyEncoder(groupBy.map { SortKey($0) }, schema: schema)
        accumulators = try aggregations.map { try AggregateAccumulator($0, schema: schema) }
        fused = FusedDoubleUpdate.plan(accumulators)
        let fusedMembers = Set(fused.flatMap(\.members))
        separate = accumulators.indices.filter { !fusedMembers.contains($0) }
        if let orderBy {
            let index = try schema.requireFlatIndex(of: orderBy, for: "an aggregation")
            guard schema.fields[index].type.defaultStorageKind == .int64 else {
                throw ComputeError(
                    .invalidArgument,
                    "The order column '\(orderBy)' is \(schema.fields[index].type.name). Please order first and last "
                        + "by a timestamp or 64-bit integer column.")
            }
            orderIndex = index
        } else {
            orderIndex = nil
        }
        var fields = groupIndices.map { index in
            var field = schema.fields[index]
            field.nullable = true
            return field
        }
        fields += accumulators.map(\.output)
        var seen = Set<String>()
        for field in fields where !seen.insert(field.name).inserted {
            throw ComputeError(
                .invalidArgument,
                "Two output columns are named '\(field.name)'. Please give the aggregations distinct names.")
        }
        self.schema = Schema(fields)
        self.input = input
        self.groupBy = groupBy
        groupColumns = groupIndices.map { ColumnBuilder(field: schema.fields[$0]) }
        pairGrouping = PairGrouping(groupIndices: groupIndices, schema: schema)
        self.minCount = minCount
        self.batchRows = max(1, batchRows)
        self.spill = spill
        reservation = MemoryReservation(consumer: "hash aggregate", budget: budget)
    }

    public mutating func next() throws -> RecordBatch? {
        if output == nil { output = try consumeInput() }
        return try output!.next()
    }

    private mutating func consumeInput() throws -> any BatchStream {
        var groups: [Int] = []
        while let batch = try input.next() {
            guard batch.rowCount > 0 else { continue }
            if groupColumns.isEmpty || groupColumns.allSatisfy({ $0.rowCount == 0 }) {
                groupColumns = groupIndices.map { ColumnBuilder(like: batch.columns[$0]) }
            }
            let before = table.count
            if var pairs = pairGrouping, pairs.fits(batch) {
                pairGrouping = nil
                let firstRows = pairs.groups(of: batch, table: &table, encoder: encoder, into: &groups)
                pairGrouping = pairs
                for row in firstRows {
                    for (position, index) in groupIndices.enumerated() {
                        groupColumns[position].append(from: batch.columns[index], row: row)
                    }
                }
            } else {
                groups.removeAll(keepingCapacity: true)
                let keys = encoder.encode(batch)
                keys.bytes.withUnsafeBufferPointer { bytes in
                    for row in 0..<batch.rowCount {
                        let key = UnsafeBufferPointer(rebasing: bytes[keys.offsets[row]..<keys.offsets[row + 1]])
                        let (group, inserted) = table.group(of: key)
                        if inserted {
                            for (position, index) in groupIndices.enumerated() {
                                groupColumns[position].append(from: batch.columns[index], row: row)
                            }
                        }
                        groups.append(group)
                    }
                }
            }
            let added = table.count - before
            for index in separate { accumulators[index].addGroups(added) }
            for index in fused.indices {
                fused[index].addGroups(added)
                fused[index].update(batch: batch, groups: groups)
            }
            let order = order(of: batch)
            for index in separate {
                try accumulators[index].update(batch, groups: groups, order: order)
            }
            rowsSeen += Int64(batch.rowCount)
            try reserveOrSpill()
        }
        let finished = try finishTable()
        if runs.isEmpty { return MemoryStream(finished, schema: schema) }
        return try mergeRuns()
    }

    /// The order values of `batch`'s rows: the order column, or the rows' positions in the input.
    private func order(of batch: RecordBatch) -> [Int64] {
        guard accumulators.contains(where: { $0.function == .first || $0.function == .last }) else { return [] }
        if let orderIndex, case .int64(let values) = batch.columns[orderIndex].storage { return values }
        return (0..<Int64(batch.rowCount)).map { rowsSeen + $0 }
    }

    private var tableBytes: Int {
        let states = separate.reduce(0) { $0 + accumulators[$1].bytesPerGroup }
        let text = accumulators.reduce(0) { $0 + $1.textBytes }
        return table.memorySize + (pairGrouping?.memorySize ?? 0) + table.count * states + text
            + fused.reduce(0) { $0 + $1.memorySize }
            + groupColumns.reduce(0) { $0 + $1.memorySize }
    }

    private mutating func reserveOrSpill() throws {
        if reservation.tryResize(to: tableBytes) { return }
        guard spill != nil else {
            throw ComputeError(
                .memory,
                "Aggregating needs more than the memory budget of \(reservation.budget.limit) bytes for "
                    + "\(table.count) groups. Please raise the budget or give the aggregation a spill folder.")
        }
        try spillTable()
    }

    /// The groups' states in key order, with their key bytes in a last column for merging.
    private mutating func spillTable() throws {
        guard table.count > 0 else { return }
        flushFused()
        let order = table.keys.sortedOrder()
        let batch = stateBatch(order: order)
        let writer = try SpillWriter(
            folder: spill!, purpose: "aggregate-states", schema: batch.schema, rowGroupRows: batchRows)
        var start = 0
        while start < batch.rowCount {
            try writer.write(batch.slice(start..<min(start + batchRows, batch.rowCount)))
            start += batchRows
        }
        runs.append(try writer.finish())
        resetTable()
    }

    private mutating func resetTable() {
        table = KeyTable()
        pairGrouping?.removeAll()
        for index in accumulators.indices { accumulators[index].removeAll() }
        for index in fused.indices { fused[index].removeAll() }
        for index in groupColumns.indices { _ = groupColumns[index].finish() }
        reservation.free()
    }

    /// Hands the fused updates' states to their accumulators, which are read next.
    private mutating func flushFused() {
        for index in fused.indices { fused[index].flush(into: &accumulators) }
    }

    private func stateBatch(order: [Int]) -> RecordBatch {
        var builders = groupColumns
        var columns = builders.indices.map { builders[$0].finish().gather(order) }
        for (index, accumulator) in accumulators.enumerated() {
            columns += accumulator.stateColumns("__s\(index)_", order: order)
        }
        var keys = ByteArrays()
        for group in order {
            keys.append(contentsOf: table.keys.bytes[table.keys.offsets[group]..<table.keys.offsets[group + 1]])
        }
        columns.append(Column(field: Field("__key", .binary, nullable: false), storage: .bytes(keys)))
        return RecordBatch(columns: columns)
    }

    /// The in-memory table's results in key order, as batches; or, when runs were spilled, the
    /// table spilled as one more run.
    private mutating func finishTable() throws -> [RecordBatch] {
        if !runs.isEmpty {
            try spillTable()
            return []
        }
        flushFused()
        let order = table.keys.sortedOrder()
        var builders = groupColumns
        let groupValues = builders.indices.map { builders[$0].finish() }
        var batches: [RecordBatch] = []
        var start = 0
        while start < order.count {
            let slice = Array(order[start..<min(start + batchRows, order.count)])
            var columns = groupValues.enumerated().map { position, column in
                var gathered = column.gather(slice)
                gathered.field = schema.fields[position]
                return gathered
            }
            columns += accumulators.map { $0.finish(order: slice, minCount: minCount) }
            batches.append(RecordBatch(schema: schema, columns: columns))
            start += batchRows
        }
        resetTable()
        return batches
    }

    /// Merges the spilled runs by key, combining the states of each group as they stream by.
    private func mergeRuns() throws -> any BatchStream {
        let streams: [any BatchStream] = try runs.map { try $0.stream() }
        let merge = try SortedMerge(streams, keys: [SortKey("__key")], schema: streams[0].schema, batchRows: batchRows)
        return StateCombiner(
            merge, schema: schema, groupCount: groupIndices.count, accumulators: accumulators, minCount: minCount,
            batchRows: batchRows)
    }
}
