import WeirCompute
import Yams

/// Parses the options of a `kind: quality` stage, each error located in `weir.yaml`.
struct QualityStageParser {
    let options: TransformOptionReader

    init(reader: YAMLReader, stage: String) {
        options = TransformOptionReader(reader: reader, stage: stage)
    }

    func parse(_ entries: [(key: String, keyNode: Node, value: Node)], keyNode: Node) throws(ConfigError)
        -> (spec: QualityStageSpec, input: StageDependency)
    {
        let reader = options.reader
        let context = options.context
        func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
        guard let inputNode = value("input") else {
            throw ConfigError(
                .missingKey(key: "input", context: context, example: "input: stage:matched"),
                at: reader.location(keyNode))
        }
        let input = try options.input(inputNode)
        let groupBy = try options.names(value("group_by"), "group_by", example: "'group_by: [station]'")
        guard let rulesNode = value("rules") else {
            throw ConfigError(
                .missingKey(key: "rules", context: context, example: "rules: [{check: row_count, min: 1}]"),
                at: reader.location(keyNode))
        }
        guard case .sequence(let items) = rulesNode, !items.isEmpty else {
            throw ConfigError(
                .wrongType(
                    what: "the 'rules' of \(context)", expected: "a list of rules", found: reader.describe(rulesNode),
                    example: "'rules: [{check: not_null, columns: [time]}]'"),
                at: reader.location(rulesNode))
        }
        var rules: [QualityStageSpec.Rule] = []
        for item in items { rules.append(try rule(item)) }
        var spec = QualityStageSpec(
            input: input.target, groupBy: groupBy, rules: rules, memory: ResampleStageSpec.defaultMemory)
        if let node = value("memory") { spec.memory = try options.memory(node) }
        return (spec, input)
    }

    private func rule(_ node: Node) throws(ConfigError) -> QualityStageSpec.Rule {
        let reader = options.reader
        let what = "a rule of \(options.context)"
        let entries = try reader.mapping(node, what: what, example: "'{check: not_null, columns: [time]}'")
        try reader.checkKeys(entries, allowed: QualityStageSpec.ruleKeys, context: what)
        func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
        guard let checkNode = value("check") else {
            throw ConfigError(
                .missingKey(key: "check", context: what, example: "check: not_null"), at: reader.location(node))
        }
        let check = try options.choice(checkNode, "check", QualityRule.Check.self)
        var rule = QualityRule(check: check)
        var columns: [ResampleStageSpec.Named] = []
        func require(_ key: String, _ example: String) throws(ConfigError) -> Node {
            guard let found = value(key) else {
                throw ConfigError(
                    .missingKey(key: key, context: "rule '\(check.rawValue)' of \(options.context)", example: example),
                    at: reader.location(node))
            }
            return found
        }
        func number(_ key: String) throws(ConfigError) -> Double? {
            guard let found = value(key) else { return nil }
            let text = try options.scalar(
                found, what: "the '\(key)' of rule '\(check.rawValue)'", example: "'\(key): 0'")
            guard let parsed = Double(text), parsed.isFinite else {
                throw ConfigError(
                    .invalidValue(
                        what: "'\(key)' of rule '\(check.rawValue)' in \(options.context)",
                        problem: "'\(text)' is not a number."),
                    at: reader.location(found))
            }
            return parsed
        }
        switch check {
        case .notNull, .unique:
            var found = value("columns")
            if found == nil { found = try require("column", "columns: [time]") }
            columns = try options.names(found, "columns", example: "'columns: [time]'")
        case .range, .acceptedValues, .timeGaps:
            let found = try require("column", "column: temp_c")
            columns = try options.names(found, "column", example: "'column: temp_c'")
        case .rowCount:
            break
        case .schema:
            let found = try require("columns", "columns: {time: timestamp_utc, temp_c: double}")
            for entry in try reader.mapping(
                found, what: "the 'columns' of rule 'schema'", example: "'columns: {temp_c: double}'")
            {
                let text = try reader.string(entry.value, what: "the type of '\(entry.key)'", example: "'double'")
                guard let type = ColumnTypeName.parse(text) else {
                    throw ConfigError(
                        .invalidValue(
                            what: "type of column '\(entry.key)' in rule 'schema'",
                            problem: UnknownColumnTypeError(column: entry.key, text: text).description),
                        at: reader.location(entry.value))
                }
                rule.types[entry.key] = type
                columns.append(ResampleStageSpec.Named(name: entry.key, location: reader.location(entry.keyNode)))
            }
        }
        if [.range, .acceptedValues, .timeGaps].contains(check) && columns.count != 1 {
            throw ConfigError(
                .invalidValue(
                    what: "rule '\(check.rawValue)' of \(options.context)",
                    problem: "It checks one column. Name it with 'column'."),
                at: reader.location(node))
        }
        if columns.isEmpty && [.notNull, .unique].contains(check) {
            throw ConfigError(
                .invalidValue(
                    what: "rule '\(check.rawValue)' of \(options.context)", problem: "Name at least one column."),
                at: reader.location(node))
        }
        rule.columns = columns.map(\.name)
        rule.minimum = try number("min")
        rule.maximum = try number("max")
        if [.range, .rowCount].contains(check) && rule.minimum == nil && rule.maximum == nil {
            throw ConfigError(
                .missingKey(key: "min", context: "rule '\(check.rawValue)' of \(options.context)", example: "min: 0"),
                at: reader.location(node))
        }
        if let low = rule.minimum, let high = rule.maximum, low > high, let maxNode = value("max") {
            throw ConfigError(
                .invalidValue(
                    what: "'max' of rule '\(check.rawValue)'", problem: "It is below 'min' (\(low)). Swap them."),
                at: reader.location(maxNode))
        }
        if let mostly = try number("mostly"), let mostlyNode = value("mostly") {
            guard (0...1).contains(mostly) else {
                throw ConfigError(
                    .invalidValue(
                        what: "'mostly' of rule '\(check.rawValue)'",
                        problem: "'\(mostly)' is not a share between 0 and 1 (0.99: 99% of the values must pass)."),
                    at: reader.location(mostlyNode))
            }
            rule.mostly = mostly
        }
        var every: String?
        if check == .timeGaps {
            let found = try require("every", "every: 10m")
            let text = try reader.string(found, what: "the 'every' of rule 'time_gaps'", example: "'every: 10m'")
            guard let width = BucketWidth(text) else {
                throw ConfigError(
                    .invalidValue(
                        what: "'every' of rule 'time_gaps'",
                        problem: "'\(text)' is not an interval. Write \(BucketWidth.formHelp)."),
                    at: reader.location(found))
            }
            rule.everySeconds = width.seconds
            every = text
        }
        if check == .acceptedValues {
            let found = try require("values", "values: [a, b]")
            guard case .sequence(let values) = found else {
                throw ConfigError(
                    .wrongType(
                        what: "the 'values' of rule 'accepted_values'", expected: "a list",
                        found: reader.describe(found),
                        example: "'values: [a, b]'"),
                    at: reader.location(found))
            }
            for item in values {
                rule.values.insert(try options.scalar(item, what: "an accepted value", example: "'values: [a, b]'"))
            }
        }
        let severity =
            try value("severity").map { found throws(ConfigError) in
                try options.choice(found, "severity", QualityStageSpec.Severity.self)
            } ?? .fail
        return QualityStageSpec.Rule(
            rule: rule, columns: columns, severity: severity, location: reader.location(node), every: every)
    }
}
