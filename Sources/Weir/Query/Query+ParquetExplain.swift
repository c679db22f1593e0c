/// How a query ran: what pushdown skipped and how many rows went through each step. This is
/// what `weir query --explain` prints.
public struct QueryExplain: Sendable, Hashable {
    /// The source, as ``QuerySource/description`` names it.
    public var source: String
    /// Parquet files the source lists.
    public var parts = 0
    /// Files skipped without being opened because their Hive or manifest columns fail the filter.
    public var partsPruned = 0
    /// Footers of skipped files read anyway, to learn their columns (for `select *` or a
    /// column no read file has).
    public var prunedFootersRead = 0
    /// Row groups in the files read.
    public var rowGroups = 0
    /// Row groups skipped because their statistics rule the filter out.
    public var rowGroupsPruned = 0
    /// The columns read from the files, sorted; `nil` when every column was read.
    public var columnsRead: [String]?
    /// The conjuncts that pruned parts (over Hive and manifest columns), in the `--where` language.
    public var partitionFilter: [String] = []
    /// The conjuncts that were checked against row-group statistics.
    public var statisticsFilter: [String] = []
    /// Rows decoded from the files.
    public var rowsRead = 0
    /// Rows that passed the filter.
    public var rowsMatched = 0
    /// Rows in the result.
    public var rowsReturned = 0
    /// Whether reading stopped before the end because `limit` rows had matched (no `order by`).
    public var stoppedEarly = false
    /// Whether pushdown was enabled.
    public var pushdown = true
    /// How `order by` sorted; `nil` without one.
    public var sort: Sort?

    /// What the sort of an `order by` held and spilled.
    public struct Sort: Sendable, Hashable {
        /// The budget, in bytes.
        public var memory: Int
        /// The most bytes the sort held at once (by its own reckoning).
        public var peak: Int
        public var spilledBytes: Int
        public var spillFiles: Int
        /// The limit of a top-N sort, which keeps only that many rows.
        public var topN: Int?
    }

    public init(source: String) {
        self.source = source
    }

    /// The explanation as indented lines of text.
    public var lines: [String] {
        var lines = ["source: " + source]
        lines.append("parts: \(parts) listed, \(partsPruned) pruned by the manifest, \(parts - partsPruned) read")
        if !partitionFilter.isEmpty {
            lines.append("  manifest filter: " + partitionFilter.joined(separator: " and "))
        }
        if prunedFootersRead > 0 {
            lines.append("  footers of pruned parts read for their columns: \(prunedFootersRead)")
        }
        lines.append(
            "row groups: \(rowGroups) in the parts read, \(rowGroupsPruned) pruned by statistics, "
                + "\(rowGroups - rowGroupsPruned) read")
        if !statisticsFilter.isEmpty {
            lines.append("  statistics filter: " + statisticsFilter.joined(separator: " and "))
        }
        lines.append("columns read: " + (columnsRead.map { $0.isEmpty ? "none" : $0.joined(separator: ", ") } ?? "all"))
        lines.append(
            "rows: \(rowsRead) read, \(rowsMatched) matched, \(rowsReturned) returned"
                + (stoppedEarly ? " (stopped early at the limit)" : ""))
        if let sort {
            var line = sort.topN.map { "sort: top \($0)" } ?? "sort: external"
            line += ", peak \(sort.peak) bytes of a \(sort.memory)-byte budget"
            line +=
                sort.spillFiles == 0
                ? ", nothing spilled" : ", spilled \(sort.spilledBytes) bytes in \(sort.spillFiles) files"
            lines.append(line)
        }
        if !pushdown { lines.append("pushdown: off") }
        return lines
    }
}
