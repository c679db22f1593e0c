import WeirColumns

/// Evaluates quality rules over a stream in one pass, per group when asked, and gathers every
/// column's statistics on the way. Rules that compare rows with each other (`unique`,
/// `time_gaps`) run afterwards on an ``ExternalSort`` of their columns, so memory stays within
/// the budget whatever the input's size.
public struct QualityChecker {
    public static let sampleLimit = 20
    public static let groupLimit = 100

    public let rules: [QualityRule]
    public let groupBy: [String]

    public init(rules: [QualityRule], groupBy: [String]) {
        self.rules = rules
        self.groupBy = groupBy
    }

    /// Per group (by its values' text joined), per rule: failed and total.
    private struct Tally {
        var failed = 0
        var total = 0
    }

    /// Reads `input` to its end and evaluates the row-by-row rules; `reopen` gives the input again
    /// for the rules that sort it.
    /// - Returns: one outcome per rule, in order, and the statistics of every column.
    public func run(
        _ input: any BatchStream, reopen: () throws -> any BatchStream, budget: MemoryBudget, spill: SpillFolder?
    ) throws -> (outcomes: [QualityOutcome], columns: [ColumnStatistics]) {
        var stream = input
        let schema = stream.schema
        var statistics = schema.fields.map { ColumnStatistics(name: $0.name) }
        var outcomes = rules.map { _ in QualityOutcome() }
        var tallies: [[String: Tally]] = rules.map { _ in [:] }
        var groupValues: [String: [String: Value]] = [:]
        let groupIndices = groupBy.compactMap { schema.index(of: $0) }
        var rows = 0
        while let batch = try stream.next() {
            for index in statistics.indices { statistics[index].add(batch.columns[index]) }
            let keys = (0..<batch.rowCount).map { row in groupKey(batch, row: row, indices: groupIndices) }
            for row in 0..<batch.rowCount where groupValues[keys[row]] == nil {
                groupValues[keys[row]] = Dictionary(
                    uniqueKeysWithValues: groupIndices.map { (schema.fields[$0].name, batch.columns[$0].value(at: row)) })
            }
            for (ruleIndex, rule) in rules.enumerated() {
                evaluate(rule, batch: batch, keys: keys, into: &outcomes[ruleIndex], tally: &tallies[ruleIndex])
            }
            rows += batch.rowCount
        }
        for (ruleIndex, rule) in rules.enumerated() {
            switch rule.check {
            case .rowCount:
                var counts: [String: Int] = [:]
                for (key, tally) in tallies[ruleIndex] { counts[key] = tally.total }
                if groupIndices.isEmpty { counts = ["": rows] }
                outcomes[ruleIndex].total = rows
                for (key, count) in counts {
                    let low = rule.minimum.map { Double(count) < $0 } ?? false
                    let high = rule.maximum.map { Double(count) > $0 } ?? false
                    tallies[ruleIndex][key] = Tally(failed: low || high ? 1 : 0, total: count)
                    if low || high { outcomes[ruleIndex].failed += 1 }
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
            case .unique, .timeGaps:
                try sortedCheck(
                    rule, input: try reopen(), budget: budget, spill: spill, into: &outcomes[ruleIndex],
                    tally: &tallies[ruleIndex])
            default:
                break
            }
            if !groupIndices.isEmpty {
                let failing = tallies[ruleIndex].filter { $0.value.failed > 0 }
                outcomes[ruleIndex].failingGroups = failing.count
                outcomes[ruleIndex].groups = failing.sorted { ($0.value.failed, $1.key) > ($1.value.failed, $0.key) }
                    .prefix(Self.groupLimit).map { key, tally in
                        QualityOutcome.Group(key: groupValues[key] ?? [:], failed: tally.failed, total: tally.total)
                    }
            }
        }
        return (outcomes, statistics)
    }

    private func groupKey(_ batch: RecordBatch, row: Int, indices: [Int]) -> String {
        if indices.isEmpty { return "" }
        return indices.map { batch.columns[$0].isNull(row) ? "\u{0}" : (batch.columns[$0].value(at: row).text ?? "\u{0}") }
            .joined(separator: "\u{1}")
    }

    private func sample(_ batch: RecordBatch, row: Int, columns: [String]) -> [String: Value] {
        var values: [String: Value] = [:]
        for name in groupBy + columns {
            if let column = batch.column(named: name) { values[name] = column.value(at: row) }
        }
        return values
    }

    private func evaluate(
        _ rule: QualityRule, batch: RecordBatch, keys: [String], into outcome: inout QualityOutcome,
        tally: inout [String: Tally]
    ) {
        let columns = rule.columns.compactMap { batch.column(named: $0) }
        func record(_ row: Int, failed: Bool) {
            outcome.total += 1
            tally[keys[row], default: Tally()].total += 1
            guard failed else { return }
            outcome.failed += 1
            tally[keys[row], default: Tally()].failed += 1
            if outcome.samples.count < Self.sampleLimit {
                outcome.samples.append(sample(batch, row: row, columns: rule.columns))
            }
        }
        switch rule.check {
        case .notNull:
            for row in 0..<batch.rowCount { record(row, failed: columns.contains { $0.isNull(row) }) }
        case .range:
            guard let column = columns.first else { return }
            for row in 0..<batch.rowCount where !column.isNull(row) {
                guard let number = ValueOrder.number(column.value(at: row)) else { continue }
                let outside =
                    number.isNaN || rule.minimum.map { number < $0 } ?? false || rule.maximum.map { number > $0 } ?? false
                record(row, failed: outside)
            }
        case .acceptedValues:
            guard let column = columns.first else { return }
            for row in 0..<batch.rowCount where !column.isNull(row) {
                record(row, failed: !rule.values.contains(column.value(at: row).text ?? ""))
            }
        case .rowCount:
            for row in 0..<batch.rowCount { tally[keys[row], default: Tally()].total += 1 }
        case .unique, .timeGaps, .schema:
            break
        }
    }

    /// `unique` and `time_gaps`: the rule's columns sorted by group then by themselves, compared
    /// row with row.
    private func sortedCheck(
        _ rule: QualityRule, input: any BatchStream, budget: MemoryBudget, spill: SpillFolder?,
        into outcome: inout QualityOutcome, tally: inout [String: Tally]
    ) throws {
        let names = groupBy + rule.columns.filter { !groupBy.contains($0) }
        var sorted = try ExternalSort(
            try Project(input, columns: names), by: names.map { SortKey($0) }, budget: budget, spill: spill)
        let groupIndices = Array(0..<groupBy.count)
        var previousKey: String?
        var previousValues: [Value]?
        var largest: Int64?
        while let batch = try sorted.next() {
            for row in 0..<batch.rowCount {
                let group = groupKey(batch, row: row, indices: groupIndices)
                let values = batch.columns.map { $0.value(at: row) }
                defer {
                    previousKey = group
                    previousValues = values
                }
                switch rule.check {
                case .unique:
                    outcome.total += 1
                    tally[group, default: Tally()].total += 1
                    // Rows whose key has a null are not duplicates (as in SQL's UNIQUE).
                    if values.contains(where: \.isNull) { continue }
                    if previousKey == group, previousValues == values {
                        outcome.failed += 1
                        tally[group, default: Tally()].failed += 1
                        if outcome.samples.count < Self.sampleLimit {
                            outcome.samples.append(Dictionary(uniqueKeysWithValues: zip(names, values)))
                        }
                    }
                case .timeGaps:
                    let time = batch.columns[names.count - 1]
                    guard !time.isNull(row), case .timestamp(let raw, let unit, _) = time.value(at: row) else { continue }
                    guard previousKey == group, let last = previousValues?.last,
                        case .timestamp(let before, _, _) = last
                    else { continue }
                    let seconds = Double(raw - before) / Double(unit.perSecond)
                    outcome.total += 1
                    tally[group, default: Tally()].total += 1
                    largest = max(largest ?? 0, Int64((seconds * 1000).rounded()))
                    if let every = rule.everySeconds, seconds > Double(every) {
                        outcome.failed += 1
                        tally[group, default: Tally()].failed += 1
                        if outcome.samples.count < Self.sampleLimit {
                            var sample = Dictionary(uniqueKeysWithValues: zip(names, values))
                            sample["previous"] = last
                            sample["gap_seconds"] = .double(seconds)
                            outcome.samples.append(sample)
                        }
                    }
                default:
                    break
                }
            }
        }
        if rule.check == .timeGaps { outcome.largestGapSeconds = largest.map { Double($0) / 1000 } }
    }
}
