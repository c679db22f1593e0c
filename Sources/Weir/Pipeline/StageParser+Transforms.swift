import Yams

extension StageParser {
    /// A transform stage (`export`, `quality`, `merge`): its keys checked, its inputs as dependencies
    /// (named `input`, or `left` and `right`), and its canonical options as its "command", so that
    /// changing an option runs it again.
    func transform(
        _ kind: StageKind, name: String, keyNode: Node, entries: [(key: String, keyNode: Node, value: Node)],
        keys: [String], document: JSONValue, inputs: [StageDependency], attach: (inout StageDefinition) -> Void
    ) throws(ConfigError) -> StageDefinition {
        let context = "stage '\(name)'"
        try reader.checkKeys(entries, allowed: Self.commonKeys + keys, context: context)
        func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
        guard let outNode = value("out") else {
            throw ConfigError(
                .missingKey(key: "out", context: context, example: "out: data/\(name)"), at: reader.location(keyNode))
        }
        let out = try path(outNode, what: "output of \(context)", example: "'out: data/\(name)'")
        let description = try value("desc").map { node throws(ConfigError) in
            try reader.string(node, what: "the 'desc' of \(context)", example: "'desc: Checked readings'")
        }
        var deps = try dependencies(value("deps"), stage: name)
        for input in inputs where deps.contains(where: { $0.name == input.name }) {
            throw ConfigError(
                .invalidValue(
                    what: "'deps' of \(context)",
                    problem: "The dep name '\(input.name)' is taken by the stage's '\(input.name)'. Rename the dep."),
                at: reader.location(value("deps")!))
        }
        deps += inputs
        let command: String
        do {
            command = kind.rawValue + " " + (try document.canonicalString())
        } catch {
            throw ConfigError(
                .invalidValue(what: "options of \(context)", problem: "\(error)"), at: reader.location(keyNode))
        }
        var definition = StageDefinition(
            name: name, kind: kind, command: command, deps: deps, params: [:], out: out, description: description,
            location: reader.location(keyNode))
        attach(&definition)
        return definition
    }
}
