import Foundation
import WeirColumns
import WeirCompute

/// The `quality.json` of a quality stage (SPEC §10): the overall status, each rule's outcome, and
/// every column's count, nulls, minimum and maximum.
public struct QualityReport: Sendable {
    public enum Status: String, Sendable, Codable {
        case pass
        case warn
        case fail
    }

    public let spec: QualityStageSpec
    public let outcomes: [QualityOutcome]
    public let columns: [ColumnStatistics]

    public var status: Status {
        var status = Status.pass
        for (rule, outcome) in zip(spec.rules, outcomes) where !outcome.passes(rule.rule) {
            if rule.severity == .fail { return .fail }
            status = .warn
        }
        return status
    }

    /// One sentence per failing rule of `severity`: the rule, the column, the count, a sample.
    func failures(severity: QualityStageSpec.Severity) -> [String] {
        zip(spec.rules, outcomes).filter { $0.0.severity == severity && !$0.1.passes($0.0.rule) }.map { rule, outcome in
            let columns = rule.rule.columns.map { "'\($0)'" }.joined(separator: ", ")
            var text = "Rule '\(rule.rule.check.rawValue)'" + (columns.isEmpty ? "" : " on \(columns)") + " failed: "
            switch rule.rule.check {
            case .rowCount:
                text +=
                    "\(outcome.total) rows"
                    + (outcome.failingGroups > 0 ? " (\(outcome.failingGroups) groups out of range)" : "")
                    + ", expected " + Self.bounds(rule.rule) + "."
            case .schema:
                text += "\(outcome.failed) of \(outcome.total) columns differ."
            case .timeGaps:
                text +=
                    "\(outcome.failed) of \(outcome.total) intervals longer than \(rule.every ?? "expected")"
                    + (outcome.largestGapSeconds.map { " (largest \(Self.number($0)) s)" } ?? "") + "."
            case .range:
                text +=
                    "\(outcome.failed) of \(outcome.total) values outside " + Self.bounds(rule.rule)
                    + (rule.rule.mostly < 1 ? " (at most \(Self.number((1 - rule.rule.mostly) * 100))% may be)" : "")
                    + "."
            case .notNull: text += "\(outcome.failed) of \(outcome.total) rows have a null."
            case .unique: text += "\(outcome.failed) of \(outcome.total) rows repeat an earlier row's values."
            case .acceptedValues: text += "\(outcome.failed) of \(outcome.total) values are not accepted."
            }
            if let sample = outcome.samples.first {
                text +=
                    " For example: "
                    + sample.keys.sorted().map { "\($0) = \(sample[$0]!.text ?? "null")" }
                    .joined(separator: ", ") + "."
            }
            return text
        }
    }

    static func bounds(_ rule: QualityRule) -> String {
        switch (rule.minimum, rule.maximum) {
        case (let low?, let high?): "[\(number(low)), \(number(high))]"
        case (let low?, nil): "at least \(number(low))"
        case (nil, let high?): "at most \(number(high))"
        default: "any"
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// The report as JSON, keys sorted.
    public func json() throws -> [UInt8] {
        var rules: [JSONValue] = []
        for (rule, outcome) in zip(spec.rules, outcomes) {
            var object: [String: JSONValue] = [
                "check": .string(rule.rule.check.rawValue), "columns": .array(rule.rule.columns.map(JSONValue.string)),
                "severity": .string(rule.severity.rawValue),
                "status": .string(outcome.passes(rule.rule) ? "pass" : (rule.severity == .fail ? "fail" : "warn")),
                "failed": .int(Int64(outcome.failed)), "total": .int(Int64(outcome.total)),
                "groups": spec.groupBy.isEmpty
                    ? .null
                    : .array(
                        outcome.groups.map { group in
                            .object([
                                "group": .object(group.key.mapValues(Self.json)), "failed": .int(Int64(group.failed)),
                                "total": .int(Int64(group.total)),
                            ])
                        }),
                "samples": .array(outcome.samples.map { .object($0.mapValues(Self.json)) }),
            ]
            if !spec.groupBy.isEmpty { object["failing_groups"] = .int(Int64(outcome.failingGroups)) }
            if let gap = outcome.largestGapSeconds { object["largest_gap_seconds"] = .double(gap) }
            if let every = rule.rule.everySeconds { object["every_seconds"] = .int(every) }
            if rule.rule.mostly < 1 { object["mostly"] = .double(rule.rule.mostly) }
            if let low = rule.rule.minimum { object["min"] = .double(low) }
            if let high = rule.rule.maximum { object["max"] = .double(high) }
            rules.append(.object(object))
        }
        var columnObjects: [String: JSONValue] = [:]
        for column in columns {
            columnObjects[column.name] = .object([
                "count": .int(Int64(column.count)), "nulls": .int(Int64(column.nulls)),
                "min": column.min.map(Self.json) ?? .null, "max": column.max.map(Self.json) ?? .null,
            ])
        }
        let document: JSONValue = .object([
            "status": .string(status.rawValue), "rules": .array(rules), "columns": .object(columnObjects),
        ])
        return Array((try document.canonicalString()).utf8) + [0x0A]
    }

    /// A value as JSON, in the form `jsonl` outputs give it (``WeirColumns/Value/json``).
    static func json(_ value: Value) -> JSONValue {
        (try? JSONValue.parse(value.json)) ?? .null
    }
}
