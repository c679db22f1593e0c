import WeirColumns

/// Aggregates rows per group and per time bucket on the epoch grid (see ``TimeBucketing``).
///
/// The output has the group columns, then the time column holding each bucket's label (its start,
/// or its end with `label: right`, as a UTC instant for UTC timestamps), then one column per
/// aggregation; rows come ordered by group, then time. `first` and `last` follow the time column.
/// Rows whose time is null belong to no bucket and are left out. Grouping runs on
/// ``HashAggregate``, so it spills past the budget in the same way.
public struct TimeBucketAggregate: BatchStream {
    public let schema: Schema
    private var aggregate: HashAggregate
    private let groupCount: Int
    private let grid: BucketGrid
    private let empty: EmptyBuckets
    private let countColumns: Set<Int>
    private let groupEncoder: KeyEncoder
    /// The last row's group key and bucket key, to find the empty buckets after it.
    private var previous: (group: [UInt8], bucket: Int64)?

    /// - Parameters:
    ///   - input: the rows to aggregate.
    ///   - time: a timestamp column.
    ///   - bucketing: the bucket width, closed side, label and time zone.
    ///   - groupBy: the group columns, before the time column in the output.
    ///   - aggregations: the output columns after the time column.
    ///   - empty: whether empty buckets between a group's first and last one are given.
    ///   - minCount: results from fewer values than this are null (`count` is always given).
    ///   - budget: where the aggregation reserves its bytes.
    ///   - spill: where partial states go past the budget; `nil` to fail instead.
    /// - Throws: `ComputeError` for an unknown column, a time column that is not a timestamp, an
    ///   aggregation that does not fit its column, or output names that clash.
    public init(
        _ input: any BatchStream, time: String, bucketing: TimeBucketing, groupBy: [String] = [],
        aggregations: [Aggregation], empty: EmptyBuckets = .skip, minCount: Int = 1, budget: MemoryBudget,
        spill: SpillFolder?, batchRows: Int = 65_536
    ) throws {
        let timeIndex = try input.schema.requireFlatIndex(of: time, for: "resample")
        let timeField = input.schema.fields[timeIndex]
        guard case .timestamp(let unit, let utc) = timeField.type else {
            throw ComputeError(
                .invalidArgument,
                "The time column '\(time)' is \(timeField.type.name), not a timestamp. Please name a timestamp "
                    + "column, or convert this one when it is ingested.")
        }
        if groupBy.contains(time) {
            throw ComputeError(
                .invalidArgument,
                "The time column '\(time)' is also a group column. Please leave it out of the group columns.")
        }
        grid = BucketGrid(bucketing, unit: unit, utc: utc)
        let keyed = BucketKeys(input, timeIndex: timeIndex, grid: grid)
        aggregate = try HashAggregate(
            keyed, groupBy: groupBy + [BucketKeys.column], aggregations: aggregations, orderBy: time,
            minCount: minCount, budget: budget, spill: spill, batchRows: batchRows)
        let groupCount = groupBy.count
        self.groupCount = groupCount
        var fields = Array(aggregate.schema.fields)
        fields[groupCount] = Field(time, timeField.type, nullable: false)
        if let clash = fields[(groupCount + 1)...].first(where: { $0.name == time }) {
            throw ComputeError(
                .invalidArgument,
                "The aggregation output '\(clash.name)' has the time column's name. Please give it another name.")
        }
        schema = Schema(fields)
        self.empty = empty
        countColumns = Set(
            aggregations.indices.filter { aggregations[$0].function == .count }.map { $0 + groupCount + 1 })
        groupEncoder = try KeyEncoder(groupBy.map { SortKey($0) }, schema: aggregate.schema)
    }

    public mutating func next() throws -> RecordBatch? {
        while let batch = try aggregate.next() {
            guard batch.rowCount > 0 else { continue }
            return empty == .keep ? fillingEmptyBuckets(batch) : labelled(batch)
        }
        return nil
    }

    /// The batch with bucket keys turned into labels.
    private func labelled(_ batch: RecordBatch) -> RecordBatch {
        var columns = batch.columns
        guard case .int64(let keys) = columns[groupCount].storage else { return batch }
        columns[groupCount] = Column(field: schema.fields[groupCount], storage: .int64(keys.map { grid.label($0) }))
        return RecordBatch(schema: schema, columns: columns)
    }

    /// The batch with a row for every empty bucket between two rows of the same group, labelled.
    private mutating func fillingEmptyBuckets(_ batch: RecordBatch) -> RecordBatch {
        guard case .int64(let keys) = batch.columns[groupCount].storage else { return batch }
        let groupKeys = groupEncoder.encode(batch)
        var builders = batch.columns.map { ColumnBuilder(like: $0, capacity: batch.rowCount) }
        let zero = Column(field: Field("count", .int64), storage: .int64([0]))
        for row in 0..<batch.rowCount {
            let group = Array(groupKeys.bytes[groupKeys.offsets[row]..<groupKeys.offsets[row + 1]])
            if let previous, previous.group == group {
                var missing = previous.bucket + grid.period
                while missing < keys[row] {
                    for index in builders.indices {
                        if index < groupCount {
                            builders[index].append(from: batch.columns[index], row: row)
                        } else if index == groupCount {
                            builders[index].append(
                                from: Column(field: Field("key", .int64), storage: .int64([missing])), row: 0)
                        } else if countColumns.contains(index) {
                            builders[index].append(from: zero, row: 0)
                        } else {
                            builders[index].appendNull()
                        }
                    }
                    missing += grid.period
                }
            }
            for index in builders.indices { builders[index].append(from: batch.columns[index], row: row) }
            previous = (group, keys[row])
        }
        let filled = RecordBatch(columns: builders.indices.map { builders[$0].finish() })
        var columns = filled.columns
        for index in columns.indices where index != groupCount { columns[index].field = schema.fields[index] }
        return labelled(RecordBatch(schema: aggregate.schema, columns: columns))
    }
}
