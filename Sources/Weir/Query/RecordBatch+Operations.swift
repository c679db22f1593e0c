import WeirColumns

extension RecordBatch {
    /// Only the named columns, in the order given.
    public func selecting(_ names: [String]) throws(QueryError) -> RecordBatch {
        var selected: [Column] = []
        for name in names { selected.append(try QueryEvaluator.column(name, in: self)) }
        return RecordBatch(columns: selected)
    }
}
