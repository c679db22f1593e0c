/// What a time-bucket aggregation does with buckets that hold no rows.
public enum EmptyBuckets: String, Sendable, Hashable, CaseIterable {
    /// Leave them out.
    case skip
    /// Give every bucket from each group's first to its last, with null aggregates and a count of 0.
    case keep
}
