import Foundation
import WeirColumns
import WeirCompute

/// The validated options of a `kind: merge` stage, each column name with its place in
/// `weir.yaml` so that a name an input lacks is reported there.
public struct MergeStageSpec: Sendable, Hashable {
    public typealias Named = ResampleStageSpec.Named

    /// `asof: {left, right, direction, tolerance}`.
    public struct Asof: Sendable, Hashable {
        public var left: Named
        public var right: Named
        public var direction: AsofDirection
        public var tolerance: JoinTolerance?
        /// The tolerance as written, and where.
        public var toleranceText: Named?
    }

    /// `nearest: {left: [...], right: [...], tolerance}`.
    public struct Nearest: Sendable, Hashable {
        public var left: [Named]
        public var right: [Named]
        public var tolerance: Double?
    }

    public var left: StageDependency.Target
    public var right: StageDependency.Target
    public var how: JoinType
    /// Equality keys: the left input's names, and the right input's (the same unless written as
    /// `{left_name: right_name}`).
    public var on: [Named]
    public var onRight: [Named]
    public var asof: Asof?
    public var nearest: Nearest?
    /// The memory budget in bytes (`memory:`, 1 GiB unless given).
    public var memory: Int

    /// The keys a merge stage accepts besides `kind`, `out`, `deps` and `desc`.
    static let keys = ["left", "right", "how", "on", "asof", "nearest", "memory"]

    /// What the compute module runs.
    public var join: JoinSpec {
        JoinSpec(
            how, leftKeys: on.map(\.name), rightKeys: onRight.map(\.name),
            asof: asof.map {
                AsofCondition(left: $0.left.name, right: $0.right.name, direction: $0.direction, tolerance: $0.tolerance)
            },
            nearest: nearest.map {
                NearestCondition(left: $0.left.map(\.name), right: $0.right.map(\.name), tolerance: $0.tolerance)
            })
    }

    /// The canonical description used in the fingerprint. `memory` is left out: it changes how the
    /// result is computed, never which rows it holds.
    public var document: JSONValue {
        func target(_ target: StageDependency.Target) -> JSONValue {
            switch target {
            case .path(let path): .string(path)
            case .stage(let stage): .string("stage:" + stage)
            }
        }
        func tolerance(_ value: JoinTolerance?) -> JSONValue {
            switch value {
            case .duration(let nanoseconds)?: .object(["nanoseconds": .int(nanoseconds)])
            case .number(let number)?: .object(["number": .double(number)])
            case nil: .null
            }
        }
        var document: [String: JSONValue] = [
            "left": target(left), "right": target(right), "how": .string(how.rawValue),
            "on": .array(
                zip(on, onRight).map { pair in
                    pair.0.name == pair.1.name
                        ? .string(pair.0.name) : .object([pair.0.name: .string(pair.1.name)])
                }), "version": .int(1),
        ]
        if let asof {
            document["asof"] = .object([
                "left": .string(asof.left.name), "right": .string(asof.right.name),
                "direction": .string(asof.direction.rawValue), "tolerance": tolerance(asof.tolerance),
            ])
        }
        if let nearest {
            document["nearest"] = .object([
                "left": .array(nearest.left.map { .string($0.name) }),
                "right": .array(nearest.right.map { .string($0.name) }),
                "tolerance": nearest.tolerance.map(JSONValue.double) ?? .null,
            ])
        }
        return .object(document)
    }

    /// Checks every column name and type against the inputs' schemas, before any row is read.
    /// - Throws: `ConfigError` at the name in `weir.yaml`: a column an input lacks (with the
    ///   closest name it has), key columns whose types differ, an as-of column that is not a time
    ///   or a number, a tolerance of the wrong kind, a coordinate that is not a number.
    public func check(left leftSchema: Schema, right rightSchema: Schema, stage: String) throws(ConfigError) {
        func field(_ named: Named, _ schema: Schema, _ side: String, _ role: String) throws(ConfigError) -> Field {
            if let index = schema.index(of: named.name) { return schema.fields[index] }
            let names = schema.fields.map(\.name)
            let hint =
                DidYouMean.suggestion(for: named.name, among: names).map { "Did you mean '\($0)'? " } ?? ""
            throw ConfigError(
                .invalidValue(
                    what: "\(role) of stage '\(stage)'",
                    problem: "The \(side) input has no column '\(named.name)'. \(hint)Its columns are "
                        + names.map { "'\($0)'" }.joined(separator: ", ") + "."),
                at: named.location)
        }
        for (key, rightKey) in zip(on, onRight) {
            let leftField = try field(key, leftSchema, "left", "'on'")
            let rightField = try field(rightKey, rightSchema, "right", "'on'")
            guard leftField.type == rightField.type || leftField.type.widened(with: rightField.type) != nil else {
                let sides =
                    key.name == rightKey.name
                    ? "The column '\(key.name)' is \(leftField.type.name) in the left input but "
                        + "\(rightField.type.name) in the right input."
                    : "The left column '\(key.name)' is \(leftField.type.name) but the right column '\(rightKey.name)' "
                        + "is \(rightField.type.name)."
                throw ConfigError(
                    .invalidValue(
                        what: "'on' of stage '\(stage)'",
                        problem: sides + " Give both the same type (for example with 'schema: {\(rightKey.name): "
                            + "\(leftField.type.name)}' where the right input is ingested)."),
                    at: key.location)
            }
        }
        if let asof {
            let leftField = try field(asof.left, leftSchema, "left", "'asof: left'")
            let rightField = try field(asof.right, rightSchema, "right", "'asof: right'")
            for (named, field) in [(asof.left, leftField), (asof.right, rightField)] {
                guard Self.orderable(field.type) else {
                    throw ConfigError(
                        .invalidValue(
                            what: "'asof' of stage '\(stage)'",
                            problem: "The column '\(named.name)' is \(field.type.name): an as-of merge needs a "
                                + "timestamp, date or number column."),
                        at: named.location)
                }
            }
            guard let common = leftField.type == rightField.type
                ? leftField.type : leftField.type.widened(with: rightField.type)
            else {
                throw ConfigError(
                    .invalidValue(
                        what: "'asof' of stage '\(stage)'",
                        problem: "The left column '\(asof.left.name)' is \(leftField.type.name) but the right column "
                            + "'\(asof.right.name)' is \(rightField.type.name). Give both one type."),
                    at: asof.right.location)
            }
            if let tolerance = asof.tolerance, let written = asof.toleranceText {
                let isTime: Bool
                switch common {
                case .timestamp, .date: isTime = true
                default: isTime = false
                }
                switch (tolerance, isTime) {
                case (.number, true):
                    throw ConfigError(
                        .invalidValue(
                            what: "'tolerance' of stage '\(stage)'",
                            problem: "'\(written.name)' is a number but '\(asof.left.name)' is a \(common.name). "
                                + "Write a duration, such as '30m' or '90s'."),
                        at: written.location)
                case (.duration, false):
                    throw ConfigError(
                        .invalidValue(
                            what: "'tolerance' of stage '\(stage)'",
                            problem: "'\(written.name)' is a duration but '\(asof.left.name)' holds "
                                + "\(common.name) numbers. Write the tolerance as a number."),
                        at: written.location)
                default: break
                }
            }
        }
        if let nearest {
            for (names, schema, side) in [(nearest.left, leftSchema, "left"), (nearest.right, rightSchema, "right")] {
                for named in names {
                    let column = try field(named, schema, side, "'nearest: \(side)'")
                    switch column.type {
                    case .int, .float32, .float64: continue
                    default:
                        throw ConfigError(
                            .invalidValue(
                                what: "'nearest' of stage '\(stage)'",
                                problem: "The \(side) column '\(named.name)' is \(column.type.name): coordinates "
                                    + "must be numbers."),
                            at: named.location)
                    }
                }
            }
        }
    }

    static func orderable(_ type: ColumnType) -> Bool {
        switch type {
        case .timestamp, .date, .float32, .float64: true
        case .int(let bits, let signed): signed || bits < 64
        default: false
        }
    }
}
