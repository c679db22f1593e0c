import Foundation
import WeirCompute
import Yams

/// Parses the options of a `kind: merge` stage, each error located in `weir.yaml`.
struct MergeStageParser {
    let options: TransformOptionReader

    init(reader: YAMLReader, stage: String) {
        options = TransformOptionReader(reader: reader, stage: stage)
    }

    func parse(_ entries: [(key: String, keyNode: Node, value: Node)], keyNode: Node) throws(ConfigError)
        -> (spec: MergeStageSpec, inputs: [StageDependency])
    {
        let reader = options.reader
        let context = options.context
        func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
        func required(_ key: String, _ example: String) throws(ConfigError) -> Node {
            guard let node = value(key) else {
                throw ConfigError(
                    .missingKey(key: key, context: context, example: example), at: reader.location(keyNode))
            }
            return node
        }
        let left = try options.input(try required("left", "left: stage:readings"), key: "left")
        let right = try options.input(try required("right", "right: stage:model"), key: "right")
        let howNode = try required("how", "how: left")
        let how = try options.choice(howNode, "how", JoinType.self)
        let (on, onRight) = try keys(value("on"))
        var spec = MergeStageSpec(
            left: left.target, right: right.target, how: how, on: on, onRight: onRight, asof: nil, nearest: nil,
            memory: ResampleStageSpec.defaultMemory)
        // Each 'how' takes its own options and no other's.
        let asofNode = value("asof")
        let nearestNode = value("nearest")
        switch how {
        case .inner, .left, .outer:
            guard !on.isEmpty else {
                throw ConfigError(
                    .missingKey(key: "on", context: "\(context) (how: \(how.rawValue))", example: "on: [station]"),
                    at: reader.location(howNode))
            }
            if let node = asofNode ?? nearestNode {
                throw misplaced(node, asofNode != nil ? "asof" : "nearest", how: how)
            }
        case .asof:
            if let nearestNode { throw misplaced(nearestNode, "nearest", how: how) }
            guard let asofNode else {
                throw ConfigError(
                    .missingKey(
                        key: "asof", context: "\(context) (how: asof)",
                        example: "asof: {left: time, right: time, direction: backward, tolerance: 30m}"),
                    at: reader.location(howNode))
            }
            spec.asof = try asof(asofNode)
        case .nearest:
            if let asofNode { throw misplaced(asofNode, "asof", how: how) }
            guard let nearestNode else {
                throw ConfigError(
                    .missingKey(
                        key: "nearest", context: "\(context) (how: nearest)",
                        example: "nearest: {left: [lat, lon], right: [lat, lon], tolerance: 0.01}"),
                    at: reader.location(howNode))
            }
            spec.nearest = try nearest(nearestNode)
        }
        if let node = value("memory") { spec.memory = try options.memory(node) }
        return (spec, [left, right])
    }

    /// `on: station`, `on: [station, day]`, or with other names on the right,
    /// `on: {grid_lat: lat, grid_lon: lon}` or `on: [station, {grid_lat: lat}]`: left and right names.
    private func keys(_ node: Node?) throws(ConfigError) -> (left: [MergeStageSpec.Named], right: [MergeStageSpec.Named]) {
        let reader = options.reader
        let example = "'on: [station]' or 'on: {grid_lat: lat}'"
        guard let node, !reader.isNull(node) else { return ([], []) }
        var left: [MergeStageSpec.Named] = []
        var right: [MergeStageSpec.Named] = []
        func add(_ item: Node) throws(ConfigError) {
            if case .mapping = item {
                let pairs = try reader.mapping(item, what: "an 'on' key of \(options.context)", example: example)
                for pair in pairs {
                    left.append(MergeStageSpec.Named(name: pair.key, location: reader.location(pair.keyNode)))
                    right.append(try options.named(pair.value, "on", example: example))
                }
            } else {
                let name = try options.named(item, "on", example: example)
                left.append(name)
                right.append(name)
            }
        }
        if case .sequence(let items) = node {
            for item in items { try add(item) }
        } else {
            try add(node)
        }
        return (left, right)
    }

    private func misplaced(_ node: Node, _ key: String, how: JoinType) -> ConfigError {
        ConfigError(
            .invalidValue(
                what: "'\(key)' of \(options.context)",
                problem: "'\(key)' is for 'how: \(key)', but this stage has 'how: \(how.rawValue)'. Remove it or "
                    + "change 'how'."),
            at: options.reader.location(node))
    }

    private func asof(_ node: Node) throws(ConfigError) -> MergeStageSpec.Asof {
        let reader = options.reader
        let example = "'asof: {left: time, right: time, direction: backward, tolerance: 30m}'"
        let entries = try reader.mapping(node, what: "the 'asof' of \(options.context)", example: example)
        try reader.checkKeys(
            entries, allowed: ["left", "right", "direction", "tolerance"], context: "'asof' of \(options.context)")
        func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
        guard let leftNode = value("left") else {
            throw ConfigError(
                .missingKey(key: "left", context: "'asof' of \(options.context)", example: "left: time"),
                at: reader.location(node))
        }
        let left = try options.named(leftNode, "asof: left", example: "'left: time'")
        let right = try value("right").map { node throws(ConfigError) in
            try options.named(node, "asof: right", example: "'right: time'")
        } ?? left
        var asof = MergeStageSpec.Asof(left: left, right: right, direction: .backward, tolerance: nil)
        if let node = value("direction") { asof.direction = try options.choice(node, "direction", AsofDirection.self) }
        if let node = value("tolerance") {
            let text = try options.scalar(node, what: "the 'tolerance' of \(options.context)", example: "'tolerance: 30m'")
            asof.tolerance = try tolerance(text, node)
            asof.toleranceText = MergeStageSpec.Named(name: text, location: reader.location(node))
        }
        return asof
    }

    /// `30m`, `90s`, `500ms` as a duration; a plain number as a number; never negative.
    private func tolerance(_ text: String, _ node: Node) throws(ConfigError) -> JoinTolerance {
        if let duration = Self.duration(text) { return .duration(nanoseconds: duration) }
        if let number = Double(text), number.isFinite {
            if number >= 0 { return .number(number) }
            throw ConfigError(
                .invalidValue(
                    what: "'tolerance' of \(options.context)",
                    problem: "'\(text)' is negative. A tolerance is the largest distance allowed: write 0 or more."),
                at: options.reader.location(node))
        }
        throw ConfigError(
            .invalidValue(
                what: "'tolerance' of \(options.context)",
                problem: "'\(text)' is neither a duration nor a number. Write a duration such as '30m', '90s' or "
                    + "'500ms' for a time column, or a number such as '0.5'."),
            at: options.reader.location(node))
    }

    /// A whole number followed by ns, us, ms, s, m, h, d or w, in nanoseconds.
    static func duration(_ text: String) -> Int64? {
        let units: [(String, Int64)] = [
            ("ns", 1), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000), ("m", 60_000_000_000),
            ("h", 3_600_000_000_000), ("d", 86_400_000_000_000), ("w", 604_800_000_000_000),
        ]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let digits = text.dropLast(suffix.count)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                let count = Int64(digits)
            else { continue }
            let (nanoseconds, overflow) = count.multipliedReportingOverflow(by: scale)
            return overflow ? nil : nanoseconds
        }
        return nil
    }

    private func nearest(_ node: Node) throws(ConfigError) -> MergeStageSpec.Nearest {
        let reader = options.reader
        let example = "'nearest: {left: [lat, lon], right: [lat, lon], tolerance: 0.01}'"
        let entries = try reader.mapping(node, what: "the 'nearest' of \(options.context)", example: example)
        try reader.checkKeys(entries, allowed: ["left", "right", "tolerance"], context: "'nearest' of \(options.context)")
        func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
        let left = try options.names(value("left"), "nearest: left", example: "'left: [lat, lon]'")
        guard !left.isEmpty else {
            throw ConfigError(
                .missingKey(key: "left", context: "'nearest' of \(options.context)", example: "left: [lat, lon]"),
                at: reader.location(node))
        }
        var right = try options.names(value("right"), "nearest: right", example: "'right: [lat, lon]'")
        if right.isEmpty { right = left }
        guard right.count == left.count else {
            throw ConfigError(
                .invalidValue(
                    what: "'nearest' of \(options.context)",
                    problem: "'left' names \(left.count) coordinate columns but 'right' names \(right.count). Name "
                        + "as many on both sides, in the same order."),
                at: reader.location(value("right")!))
        }
        var nearest = MergeStageSpec.Nearest(left: left, right: right, tolerance: nil)
        if let toleranceNode = value("tolerance") {
            let text = try options.scalar(
                toleranceNode, what: "the 'tolerance' of \(options.context)", example: "'tolerance: 0.01'")
            guard let number = Double(text), number.isFinite, number >= 0 else {
                throw ConfigError(
                    .invalidValue(
                        what: "'tolerance' of \(options.context)",
                        problem: Double(text).map { $0 < 0 } == true
                            ? "'\(text)' is negative. A tolerance is the largest distance allowed: write 0 or more."
                            : "'\(text)' is not a number. Write the largest distance allowed, such as '0.01'."),
                    at: reader.location(toleranceNode))
            }
            nearest.tolerance = number
        }
        return nearest
    }
}
