import WeirColumns

/// The output columns of a join and how a batch of them is put together from row pairs.
///
/// The left input's columns come first, then the right input's but its equality keys (equal to
/// the left's), then `_distance` for a nearest join. A right column whose name is taken gets the
/// suffix `_right`. Right columns may be null unless the join is inner; left columns may be null
/// in an outer join, whose key columns hold the key of either side.
struct JoinLayout: Sendable {
    let schema: Schema
    /// The right input's columns in output order.
    let rightColumns: [Int]
    /// Output key columns of an outer join: the left column, the right column and their common type.
    let coalesced: [(left: Int, right: Int, type: ColumnType)]
    let distance: Bool

    init(left: Schema, right: Schema, spec: JoinSpec, keys: JoinKeys) {
        var fields = left.fields
        var coalesced: [(left: Int, right: Int, type: ColumnType)] = []
        if spec.type == .outer {
            for index in fields.indices { fields[index].nullable = true }
            for position in keys.left.indices {
                fields[keys.left[position]].type = keys.types[position]
                coalesced.append((keys.left[position], keys.right[position], keys.types[position]))
            }
        }
        var taken = Set(fields.map(\.name))
        let dropped = Set(keys.right)
        var rightColumns: [Int] = []
        for (index, field) in right.fields.enumerated() where !dropped.contains(index) {
            var output = field
            while taken.contains(output.name) { output.name += "_right" }
            if spec.type != .inner { output.nullable = true }
            taken.insert(output.name)
            fields.append(output)
            rightColumns.append(index)
        }
        distance = spec.type == .nearest
        if distance {
            var name = JoinSpec.distanceColumn
            while taken.contains(name) { name += "_right" }
            fields.append(Field(name, .float64, nullable: true))
        }
        schema = Schema(fields)
        self.rightColumns = rightColumns
        self.coalesced = coalesced
    }

    /// The output rows for `pairs`: left row `pairs.left[i]` (or row `i` when the left rows are
    /// taken as they come) with right row `pairs.right[i]`, a negative row giving nulls.
    func assemble(left: RecordBatch, right: RecordBatch, pairs: JoinPairs) -> RecordBatch {
        var columns: [Column]
        if let rows = pairs.left {
            columns = left.columns.map { $0.take(rows) }
        } else {
            columns = left.columns
        }
        for (leftIndex, rightIndex, type) in coalesced {
            var key = columns[leftIndex]
            if key.field.type != type { key = key.widened(to: type)! }
            var other = right.columns[rightIndex].take(pairs.right)
            if other.field.type != type { other = other.widened(to: type)! }
            columns[leftIndex] = key.coalesced(with: other)
        }
        for index in rightColumns { columns.append(right.columns[index].take(pairs.right)) }
        if distance {
            let values = pairs.distance ?? [Double](repeating: 0, count: pairs.right.count)
            let present = pairs.right.map { $0 >= 0 }
            columns.append(
                Column(
                    field: schema.fields[schema.fields.count - 1], storage: .double(values),
                    validity: present.allSatisfy { $0 } ? nil : present))
        }
        for index in columns.indices { columns[index].field = schema.fields[index] }
        return RecordBatch(schema: schema, columns: columns)
    }
}

/// Which rows a join pairs: `left[i]` with `right[i]`. `left` is `nil` when the pairs are the
/// left rows in order, each once; a negative row stands for no row (nulls).
struct JoinPairs {
    var left: [Int32]?
    var right: [Int32] = []
    var distance: [Double]?
}
