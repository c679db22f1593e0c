/// A validated pipeline: the stages of a `weir.yaml`, in an order where every stage comes after
/// the stages it depends on.
public struct Pipeline: Sendable {
    /// The configuration file, as named in messages (`weir.yaml`).
    public let file: String
    /// Params every stage receives (a stage's own params override these by name).
    public let sharedParams: [String: JSONValue]
    /// Stages in dependency order; ties keep the order of the file.
    public let stages: [StageDefinition]

    package init(file: String, sharedParams: [String: JSONValue], stages: [StageDefinition]) {
        self.file = file
        self.sharedParams = sharedParams
        self.stages = stages
    }

    /// The stage called `name`.
    public func stage(named name: String) -> StageDefinition? {
        stages.first { $0.name == name }
    }

    /// The names of the stages, in dependency order.
    public var stageNames: [String] { stages.map(\.name) }

    /// The stages that consume `name`'s output directly.
    public func consumers(of name: String) -> [String] {
        stages.filter { $0.upstreamStages.contains(name) }.map(\.name)
    }

    /// `names` and every stage they depend on, directly or not, in dependency order.
    public func withUpstream(_ names: Set<String>) -> [String] {
        var selected = names
        for stage in stages.reversed() where selected.contains(stage.name) {
            selected.formUnion(stage.upstreamStages)
        }
        return stageNames.filter { selected.contains($0) }
    }

    /// `names` and every stage that depends on them, directly or not, in dependency order.
    public func withDownstream(_ names: Set<String>) -> [String] {
        var selected = names
        for stage in stages where !selected.isDisjoint(with: stage.upstreamStages) {
            selected.insert(stage.name)
        }
        return stageNames.filter { selected.contains($0) }
    }
}
