extension VersionComparison {
    /// Reads `versions` (ids, in this order) from `store` and builds their comparison, keeping
    /// `stage`'s columns only and sorted by the column `sort` names (largest first unless `ascending`).
    ///
    /// - Throws: ``StateRecordNotFoundError`` for an id without a version; ``VersionComparisonError``
    ///   for a stage none of the versions has or a `sort` that names no column (or several).
    public static func load(
        from store: StateStore, versions ids: [Int64], head: Int64?, stage: String?, sort: String?,
        ascending: Bool
    ) throws -> VersionComparison {
        let records = try store.comparisonRecords(versions: ids)
        let found = Set(records.versions.map(\.id))
        if let missing = ids.first(where: { !found.contains($0) }) {
            throw StateRecordNotFoundError(
                kind: "version", identifier: "v\(missing)", hint: "See 'weir versions' for the recorded versions.")
        }
        if let stage {
            let known = Set(records.versions.flatMap(\.stages.keys)).sorted()
            guard known.contains(stage) else { throw VersionComparisonError.unknownStage(stage, known: known) }
        }
        var comparison = VersionComparison(records, head: head, stage: stage)
        if let sort {
            let matches = comparison.columns(matching: sort)
            guard matches.count == 1 else {
                throw matches.isEmpty
                    ? VersionComparisonError.unknownColumn(
                        sort, known: comparison.columns.map(\.name), names: comparison.columnNames)
                    : VersionComparisonError.ambiguousColumn(sort, matches: matches.map(\.name))
            }
            comparison.sort(by: matches[0], ascending: ascending)
        }
        return comparison
    }
}
