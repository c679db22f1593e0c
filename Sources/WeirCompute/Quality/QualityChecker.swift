import WeirColumns

/// Evaluates quality rules over a stream in one pass, per group when asked, and gathers every
/// column's statistics on the way. Rules that compare rows with each other (`unique`,
/// `time_gaps`) run afterwards on one sort of their columns (one for the rules that need the same
/// order): of packed (group, time) keys when they fit the budget, else an ``ExternalSort``, so
/// memory stays within the budget whatever the input's size.
public struct QualityChecker {
    public static let sampleLimit = 20
    public static let groupLimit = 100

    public let rules: [QualityRule]
    public let groupBy: [String]

    public init(rules: [QualityRule], groupBy: [String]) {
        self.rules = rules
        self.groupBy = groupBy
    }

    /// Failed and checked counts of one rule in one group.
    struct Tally {
        var failed = 0
        var total = 0
    }

    /// Groups numbered by their encoded key, with their values and per-rule tallies.
    struct Groups {
        var table = KeyTable()
        var values: [[String: Value]] = []
        var tallies: [[Tally]]

        init(rules: Int) { tallies = Array(repeating: [], count: rules) }

        /// The group number of each row of `batch` (all 0 without group columns).
        mutating func ids(_ batch: RecordBatch, encoder: KeyEncoder?, names: [String]) -> [Int] {
            guard let encoder else {
                if values.isEmpty { add([:]) }
                return Array(repeating: 0, count: batch.rowCount)
            }
            let keys = encoder.encode(batch)
            var ids = [Int](repeating: 0, count: batch.rowCount)
            keys.bytes.withUnsafeBufferPointer { bytes in
                for row in 0..<batch.rowCount {
                    let slice = UnsafeBufferPointer(rebasing: bytes[keys.offsets[row]..<keys.offsets[row + 1]])
                    let (group, inserted) = table.group(of: slice)
                    if inserted {
                        add(
                            Dictionary(
                                uniqueKeysWithValues: names.map { ($0, batch.column(named: $0)!.value(at: row)) }))
                    }
                    ids[row] = group
                }
            }
            return ids
        }

        private mutating func add(_ key: [String: Value]) {
            values.append(key)
            for rule in tallies.indices { tallies[rule].append(Tally()) }
        }
    }

    /// Reads `input` to its end and evaluates the row-by-row rules; `reopen` gives the input again,
    /// with only the columns named, for the rules that sort it.
    /// - Returns: one outcome per rule, in order, and the statistics of every column.
    public func run(
        _ input: any BatchStream, reopen: ([String]) throws -> any BatchStream, budget: MemoryBudget,
        spill: SpillFolder?
    ) throws -> (outcomes: [QualityOutcome], columns: [ColumnStatistics]) {
        var stream = input
        let schema = stream.schema
        var statistics = schema.fields.map { ColumnStatistics(name: $0.name) }
        var outcomes = rules.map { _ in QualityOutcome() }
        var groups = Groups(rules: rules.count)
        let encoder = groupBy.isEmpty ? nil : try KeyEncoder(groupBy.map { SortKey($0) }, schema: schema)
        var rows = 0
        while let batch = try stream.next() {
            for index in statistics.indices { statistics[index].add(batch.columns[index]) }
            let ids = groups.ids(batch, encoder: encoder, names: groupBy)
            for (ruleIndex, rule) in rules.enumerated() {
                evaluate(rule, batch: batch, ids: ids, into: &outcomes[ruleIndex], tally: &groups.tallies[ruleIndex])
            }
            rows += batch.rowCount
        }
        if groups.values.isEmpty && groupBy.isEmpty {
            _ = groups.ids(RecordBatch.empty(schema), encoder: nil, names: [])
        }
        // Rules that need the same order share one sort.
        var sortedRules: [[String]: [Int]] = [:]
        var sortOrder: [[String]] = []
        for (index, rule) in rules.enumerated() where rule.check == .unique || rule.check == .timeGaps {
            let keys = sortKeys(rule)
            if sortedRules[keys] == nil { sortOrder.append(keys) }
            sortedRules[keys, default: []].append(index)
        }
        for keys in sortOrder {
            let packed = try packedSortedChecks(
                sortedRules[keys]!, keys: keys, schema: schema, rows: rows, statistics: statistics, reopen: reopen,
                budget: budget, outcomes: &outcomes, groups: &groups)
            if packed { continue }
            try sortedChecks(
                sortedRules[keys]!, keys: keys, input: try reopen(keys), budget: budget, spill: spill,
                outcomes: &outcomes, groups: &groups)
        }
        for (ruleIndex, rule) in rules.enumerated() {
            switch rule.check {
            case .rowCount:
                outcomes[ruleIndex].total = rows
                for group in groups.tallies[ruleIndex].indices {
                    let count = Double(groups.tallies[ruleIndex][group].total)
                    let outside = rule.minimum.map { count < $0 } ?? false || rule.maximum.map { count > $0 } ?? false
                    groups.tallies[ruleIndex][group].failed = outside ? 1 : 0
                    if outside { outcomes[ruleIndex].failed += 1 }
                }
            case .schema:
                for (name, type) in rule.types.sorted(by: { $0.key < $1.key }) {
                    outcomes[ruleIndex].total += 1
                    let actual = schema.index(of: name).map { schema.fields[$0].type }
                    if actual != type {
                        outcomes[ruleIndex].failed += 1
                        if outcomes[ruleIndex].samples.count < Self.sampleLimit {
                            outcomes[ruleIndex].samples.append([
                                "column": .string(name), "expected": .string(type.name),
                                "actual": actual.map { .string($0.name) } ?? .null,
                            ])
                        }
                    }
                }
            default:
                break
            }
            if !groupBy.isEmpty {
                let failing = groups.tallies[ruleIndex].indices.filter { groups.tallies[ruleIndex][$0].failed > 0 }
                outcomes[ruleIndex].failingGroups = failing.count
                outcomes[ruleIndex].groups = failing.sorted { a, b in
                    let (x, y) = (groups.tallies[ruleIndex][a].failed, groups.tallies[ruleIndex][b].failed)
                    return x != y ? x > y : a < b
                }.prefix(Self.groupLimit).map { group in
                    QualityOutcome.Group(
                        key: groups.values[group], failed: groups.tallies[ruleIndex][group].failed,
                        total: groups.tallies[ruleIndex][group].total)
                }
            }
        }
        return (outcomes, statistics)
    }

    /// The order a sorted rule reads its rows in: the groups, then its own columns.
    private func sortKeys(_ rule: QualityRule) -> [String] {
        groupBy + rule.columns.filter { !groupBy.contains($0) }
    }

    private func sample(_ batch: RecordBatch, row: Int, columns: [String]) -> [String: Value] {
        var values: [String: Value] = [:]
        for name in groupBy + columns {
            if let column = batch.column(named: name) { values[name] = column.value(at: row) }
        }
        return values
    }

    private func evaluate(
        _ rule: QualityRule, batch: RecordBatch, ids: [Int], into outcome: inout QualityOutcome, tally: inout [Tally]
    ) {
        let columns = rule.columns.compactMap { batch.column(named: $0) }
        @inline(__always) func record(_ row: Int, failed: Bool) {
            outcome.total += 1
            tally[ids[row]].total += 1
            guard failed else { return }
            outcome.failed += 1
            tally[ids[row]].failed += 1
            if outcome.samples.count < Self.sampleLimit {
                outcome.samples.append(sample(batch, row: row, columns: rule.columns))
            }
        }
        switch rule.check {
        case .notNull:
            if columns.allSatisfy({ $0.validity == nil }) {
                outcome.total += batch.rowCount
                for row in 0..<batch.rowCount { tally[ids[row]].total += 1 }
                return
            }
            for row in 0..<batch.rowCount { record(row, failed: columns.contains { $0.isNull(row) }) }
        case .range:
            guard let column = columns.first else { return }
            let low = rule.minimum ?? -.infinity
            let high = rule.maximum ?? .infinity
            if case .double(let values) = column.storage {
                // The common case read from the raw values.
                values.withUnsafeBufferPointer { values in
                    for row in 0..<batch.rowCount where !column.isNull(row) {
                        let number = values[row]
                        record(row, failed: !(number >= low && number <= high))
                    }
                }
                return
            }
            for row in 0..<batch.rowCount where !column.isNull(row) {
                guard let number = ValueOrder.number(column.value(at: row)) else { continue }
                record(row, failed: !(number >= low && number <= high))
            }
        case .acceptedValues:
            guard let column = columns.first else { return }
            for row in 0..<batch.rowCount where !column.isNull(row) {
                record(row, failed: !rule.values.contains(column.value(at: row).text ?? ""))
            }
        case .rowCount:
            for row in 0..<batch.rowCount { tally[ids[row]].total += 1 }
        case .unique, .timeGaps, .schema:
            break
        }
    }

    /// `unique` and `time_gaps` rules that read their rows in the order of `keys` (groups first),
    /// compared row with row on one external sort of those columns.
    private func sortedChecks(
        _ indices: [Int], keys: [String], input: any BatchStream, budget: MemoryBudget, spill: SpillFolder?,
        outcomes: inout [QualityOutcome], groups: inout Groups
    ) throws {
        var sorted = try ExternalSort(
            try Project(input, columns: keys), by: keys.map { SortKey($0) }, budget: budget, spill: spill)
        let groupEncoder = groupBy.isEmpty ? nil : try KeyEncoder(groupBy.map { SortKey($0) }, schema: sorted.schema)
        let rowEncoder = try KeyEncoder(keys.map { SortKey($0) }, schema: sorted.schema)
        // The last row of the previous batch, to compare the first row of the next with.
        var carried: [UInt8]?
        var previousGroup = -1
        var previousTime = [Int64?](repeating: nil, count: rules.count)
        var largest = [Double?](repeating: nil, count: rules.count)
        while let batch = try sorted.next() {
            let ids = groups.ids(batch, encoder: groupEncoder, names: groupBy)
            let rowKeys = rowEncoder.encode(batch)
            defer {
                if batch.rowCount > 0 {
                    carried = Array(
                        rowKeys.bytes[rowKeys.offsets[batch.rowCount - 1]..<rowKeys.offsets[batch.rowCount]])
                }
            }
            // Each rule's columns, looked up once a batch rather than once a row.
            let ruleColumns = indices.map { rules[$0].columns.compactMap { batch.column(named: $0) } }
            let times: [(Column, [Int64], TimeUnit)?] = ruleColumns.map { columns in
                guard let time = columns.first, case .int64(let raws) = time.storage,
                    case .timestamp(let unit, _) = time.field.type
                else { return nil }
                return (time, raws, unit)
            }
            for row in 0..<batch.rowCount {
                let group = ids[row]
                let sameAsPrevious: Bool = rowKeys.bytes.withUnsafeBufferPointer { bytes in
                    let key = bytes[rowKeys.offsets[row]..<rowKeys.offsets[row + 1]]
                    if row > 0 {
                        return key.elementsEqual(bytes[rowKeys.offsets[row - 1]..<rowKeys.offsets[row]])
                    }
                    return carried.map { key.elementsEqual($0) } ?? false
                }
                defer { previousGroup = group }
                for (position, index) in indices.enumerated() {
                    let rule = rules[index]
                    switch rule.check {
                    case .unique:
                        outcomes[index].total += 1
                        groups.tallies[index][group].total += 1
                        // Rows whose key has a null are not duplicates (as in SQL's UNIQUE).
                        if ruleColumns[position].contains(where: { $0.isNull(row) }) { continue }
                        if previousGroup == group, sameAsPrevious {
                            outcomes[index].failed += 1
                            groups.tallies[index][group].failed += 1
                            if outcomes[index].samples.count < Self.sampleLimit {
                                outcomes[index].samples.append(sample(batch, row: row, columns: rule.columns))
                            }
                        }
                    case .timeGaps:
                        guard let (time, raws, unit) = times[position], !time.isNull(row) else { continue }
                        let raw = raws[row]
                        defer { previousTime[index] = raw }
                        guard previousGroup == group, let last = previousTime[index] else { continue }
                        let seconds = Double(raw - last) / Double(unit.perSecond)
                        outcomes[index].total += 1
                        groups.tallies[index][group].total += 1
                        largest[index] = max(largest[index] ?? 0, seconds)
                        if let every = rule.everySeconds, seconds > Double(every) {
                            outcomes[index].failed += 1
                            groups.tallies[index][group].failed += 1
                            if outcomes[index].samples.count < Self.sampleLimit {
                                var sample = self.sample(batch, row: row, columns: rule.columns)
                                if case .timestamp(_, _, let utc) = time.value(at: row) {
                                    sample["previous"] = .timestamp(last, unit, utc: utc)
                                }
                                sample["gap_seconds"] = .double(seconds)
                                outcomes[index].samples.append(sample)
                            }
                        }
                    default:
                        break
                    }
                }
            }
        }
        for index in indices where rules[index].check == .timeGaps {
            outcomes[index].largestGapSeconds = largest[index]
        }
    }
}
