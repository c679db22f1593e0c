import Foundation
import WeirCompute
import Yams

/// Parses the options of a `kind: resample` stage, each error located in `weir.yaml`.
struct ResampleStageParser {
    let reader: YAMLReader
    let stage: String

    private var context: String { "stage '\(stage)'" }

    func parse(_ entries: [(key: String, keyNode: Node, value: Node)], keyNode: Node) throws(ConfigError)
        -> (spec: ResampleStageSpec, input: StageDependency)
    {
        func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
        func required(_ key: String, _ example: String) throws(ConfigError) -> Node {
            guard let node = value(key) else {
                throw ConfigError(
                    .missingKey(key: key, context: context, example: example), at: reader.location(keyNode))
            }
            return node
        }
        let inputNode = try required("input", "input: stage:readings")
        let input = try dependency(inputNode)
        let timeNode = try required("time", "time: time")
        let time = try named(timeNode, "time", example: "'time: time'")
        let everyNode = try required("every", "every: 10m")
        let everyText = try reader.string(everyNode, what: "the 'every' of \(context)", example: "'every: 10m'")
        guard let every = BucketWidth(everyText) else {
            throw ConfigError(
                .invalidValue(
                    what: "'every' of \(context)",
                    problem: "'\(everyText)' is not a bucket width. Write \(BucketWidth.formHelp)."),
                at: reader.location(everyNode))
        }
        var groupBy: [ResampleStageSpec.Named] = []
        if let node = value("group_by"), !reader.isNull(node) {
            if case .sequence(let items) = node {
                for item in items { groupBy.append(try named(item, "group_by", example: "'group_by: [station]'")) }
            } else {
                groupBy.append(try named(node, "group_by", example: "'group_by: [station]'"))
            }
        }
        let aggregate = try aggregates(try required("aggregate", "aggregate: {temp_c: [mean, max]}"))
        var spec = ResampleStageSpec(
            input: input.target, time: time, every: every, groupBy: groupBy, aggregate: aggregate, closed: .left,
            label: .left, timezone: nil, empty: .skip, minCount: 1, memory: ResampleStageSpec.defaultMemory)
        if let node = value("closed") { spec.closed = try choice(node, "closed", TimeBucketing.Closed.self) }
        if let node = value("label") { spec.label = try choice(node, "label", TimeBucketing.Label.self) }
        if let node = value("empty") { spec.empty = try choice(node, "empty", EmptyBuckets.self) }
        if let node = value("timezone") {
            let text = try reader.string(node, what: "the 'timezone' of \(context)", example: "'timezone: UTC'")
            guard TimeBucketing.zone(named: text) != nil else {
                throw ConfigError(
                    .invalidValue(
                        what: "'timezone' of \(context)",
                        problem: "'\(text)' is not a time zone. Use an IANA name such as 'America/Santiago' or 'UTC'."),
                    at: reader.location(node))
            }
            spec.timezone = text
        }
        if let node = value("min_count") {
            spec.minCount = try options.whole(node, "min_count", minimum: 1, example: "'min_count: 5'")
        }
        if let node = value("memory") { spec.memory = try options.memory(node) }
        return (spec, input)
    }

    private var options: TransformOptionReader { TransformOptionReader(reader: reader, stage: stage) }

    private func named(_ node: Node, _ key: String, example: String) throws(ConfigError) -> ResampleStageSpec.Named {
        try options.named(node, key, example: example)
    }

    private func dependency(_ node: Node) throws(ConfigError) -> StageDependency {
        try options.input(node)
    }

    private func aggregates(_ node: Node) throws(ConfigError) -> [ResampleStageSpec.ColumnAggregates] {
        let example = "'aggregate: {temp_c: [mean, max], rain_mm: sum}'"
        var result: [ResampleStageSpec.ColumnAggregates] = []
        for entry in try reader.mapping(node, what: "the 'aggregate' of \(context)", example: example) {
            let items: [Node]
            if case .sequence(let sequence) = entry.value { items = Array(sequence) } else { items = [entry.value] }
            var functions: [AggregateFunction] = []
            var locations: [SourceLocation] = []
            for item in items {
                let text = try reader.string(
                    item, what: "an aggregation of '\(entry.key)' in \(context)", example: example)
                guard let function = AggregateFunction(rawValue: text) else {
                    let names = AggregateFunction.allCases.map(\.rawValue)
                    let hint = DidYouMean.suggestion(for: text, among: names).map { "Did you mean '\($0)'? " } ?? ""
                    throw ConfigError(
                        .invalidValue(
                            what: "aggregation of '\(entry.key)' in \(context)",
                            problem: "'\(text)' is not an aggregation. \(hint)Use one of "
                                + "\(ConfigError.Kind.list(names))."),
                        at: reader.location(item))
                }
                guard !functions.contains(function) else {
                    throw ConfigError(
                        .invalidValue(
                            what: "aggregation of '\(entry.key)' in \(context)",
                            problem: "'\(text)' is listed twice for '\(entry.key)'. Keep one."),
                        at: reader.location(item))
                }
                functions.append(function)
                locations.append(reader.location(item))
            }
            guard !functions.isEmpty else {
                throw ConfigError(
                    .invalidValue(
                        what: "'aggregate' of \(context)",
                        problem: "The column '\(entry.key)' has no aggregation. List at least one, e.g. '[mean]'."),
                    at: reader.location(entry.value))
            }
            result.append(
                ResampleStageSpec.ColumnAggregates(
                    column: ResampleStageSpec.Named(name: entry.key, location: reader.location(entry.keyNode)),
                    functions: functions, locations: locations))
        }
        guard !result.isEmpty else {
            throw ConfigError(
                .invalidValue(what: "'aggregate' of \(context)", problem: "It is empty. Name at least one column."),
                at: reader.location(node))
        }
        return result
    }

    private func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ key: String, _: T.Type)
        throws(ConfigError) -> T where T.RawValue == String
    {
        let names = T.allCases.map(\.rawValue)
        let text = try reader.string(node, what: "the '\(key)' of \(context)", example: "'\(key): \(names[0])'")
        guard let value = T(rawValue: text) else {
            throw ConfigError(
                .invalidValue(what: "'\(key)' of \(context)", problem: "Use \(ConfigError.Kind.list(names))."),
                at: reader.location(node))
        }
        return value
    }
}
