import WeirColumns

/// Numbers, selects and limits a query's matching rows batch by batch, as ``Query/run(on:)``
/// does for a whole batch (without `order by`): `seq` counts on across batches, and the limit
/// counts the rows emitted so far.
struct QueryResultShaper {
    let query: Query
    /// The schema of the shaped batches.
    let schema: Schema
    /// Rows emitted so far.
    private(set) var emitted = 0
    private var counters: [[Value]: Int64] = [:]

    /// A shaper for batches of `input`'s columns.
    ///
    /// - Throws: ``QueryError`` for a `seq by` or selected column that `input` lacks.
    init(query: Query, input: Schema) throws(QueryError) {
        self.query = query
        var rest = query
        rest.filter = nil
        rest.orderBy = []
        rest.limit = nil
        schema = try rest.run(on: RecordBatch(schema: input, columns: input.fields.map(Column.empty))).schema
    }

    /// Whether the limit has been reached.
    var isDone: Bool {
        query.limit.map { emitted >= $0 } ?? false
    }

    /// The next matching rows, numbered, selected and cut to what the limit leaves.
    mutating func shape(_ batch: RecordBatch) throws(QueryError) -> RecordBatch {
        var result = batch
        if let limit = query.limit, result.rowCount > limit - emitted {
            result = result.gather(Array(0..<max(0, limit - emitted)))
        }
        if let seqBy = query.seqBy {
            var groups: [Column] = []
            for name in seqBy { groups.append(try QueryEvaluator.column(name, in: result)) }
            var numbers: [Int64] = []
            numbers.reserveCapacity(result.rowCount)
            for row in 0..<result.rowCount {
                let key = groups.map { $0.value(at: row) }
                let next = (counters[key] ?? 0) + 1
                counters[key] = next
                numbers.append(next)
            }
            let field = Field(query.seqColumn, .int64, nullable: false)
            result.schema.fields.append(field)
            result.columns.append(Column(field: field, storage: .int64(numbers)))
        }
        if let select = query.select { result = try result.selecting(select) }
        emitted += result.rowCount
        return result
    }
}
