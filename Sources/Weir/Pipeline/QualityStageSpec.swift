import WeirColumns
import WeirCompute

/// The validated options of a `kind: quality` stage.
public struct QualityStageSpec: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        case fail
        case warn
    }

    /// One rule as written, with the places of its columns.
    public struct Rule: Sendable, Hashable {
        public var rule: QualityRule
        public var columns: [ResampleStageSpec.Named]
        public var severity: Severity
        public var location: SourceLocation
        /// `every` as written (`10m`), for the report.
        public var every: String?
    }

    public var input: StageDependency.Target
    public var groupBy: [ResampleStageSpec.Named]
    public var rules: [Rule]
    public var memory: Int

    static let keys = ["input", "group_by", "rules", "memory"]
    static let ruleKeys = ["check", "column", "columns", "min", "max", "mostly", "values", "every", "severity"]

    /// The canonical description used in the fingerprint (`memory` changes how, not what).
    public var document: JSONValue {
        let input: String
        switch self.input {
        case .path(let path): input = path
        case .stage(let stage): input = "stage:" + stage
        }
        return .object([
            "input": .string(input), "group_by": .array(groupBy.map { .string($0.name) }),
            "rules": .array(rules.map(\.document)), "version": .int(1),
        ])
    }

    /// Checks every column name (and the type a rule needs) against the input's schema.
    public func check(_ schema: Schema, stage: String) throws(ConfigError) {
        for named in groupBy { _ = try named.field(in: schema, role: "'group_by'", stage: stage) }
        for rule in rules where rule.rule.check != .schema {
            for named in rule.columns {
                let field = try named.field(in: schema, role: "rule '\(rule.rule.check.rawValue)'", stage: stage)
                switch rule.rule.check {
                case .range:
                    if !field.type.isNumeric {
                        throw ConfigError(
                            .invalidValue(
                                what: "rule 'range' of stage '\(stage)'",
                                problem:
                                    "The column '\(field.name)' is \(field.type.name), and 'range' checks numbers. "
                                    + "Use 'accepted_values' for other values."),
                            at: named.location)
                    }
                case .timeGaps:
                    guard case .timestamp = field.type else {
                        throw ConfigError(
                            .invalidValue(
                                what: "rule 'time_gaps' of stage '\(stage)'",
                                problem: "The column '\(field.name)' is \(field.type.name), not a timestamp."),
                            at: named.location)
                    }
                default: break
                }
            }
        }
    }
}

extension QualityStageSpec.Rule {
    var document: JSONValue {
        var object: [String: JSONValue] = [
            "check": .string(rule.check.rawValue), "columns": .array(rule.columns.map(JSONValue.string)),
            "severity": .string(severity.rawValue), "mostly": .double(rule.mostly),
        ]
        if let minimum = rule.minimum { object["min"] = .double(minimum) }
        if let maximum = rule.maximum { object["max"] = .double(maximum) }
        if !rule.values.isEmpty { object["values"] = .array(rule.values.sorted().map(JSONValue.string)) }
        if let every = rule.everySeconds { object["every_seconds"] = .int(every) }
        if !rule.types.isEmpty {
            object["types"] = .object(rule.types.mapValues { .string(ColumnTypeName.name(of: $0)) })
        }
        return .object(object)
    }
}

extension ColumnType {
    /// Integers, floats and decimals.
    var isNumeric: Bool { family == "number" }
}
