import Yams

/// Checks that every `${…}` in a stage command names the output, a dep or a param of that stage.
struct PlaceholderValidator {
    let reader: YAMLReader
    let stage: String
    let deps: [StageDependency]
    let params: [String: JSONValue]

    func validate(_ command: String, node: Node) throws(ConfigError) {
        let template: CommandTemplate
        switch CommandTemplate.parse(command) {
        case .success(let parsed): template = parsed
        case .failure(let unterminated):
            throw ConfigError(.unterminatedPlaceholder(stage: stage), at: location(node, offset: unterminated.offset))
        }
        let depNames = Set(deps.map(\.name))
        for case .placeholder(let placeholder, let text, let offset) in template.segments {
            switch placeholder {
            case .out:
                continue
            case .dep(let name) where depNames.contains(name):
                continue
            case .param(let name, let keys) where params[name] != nil:
                guard CommandTemplate.lookup(params[name], keys: keys) == nil else { continue }
                var value = params[name]
                var missing = keys.first ?? ""
                for key in keys {
                    missing = key
                    guard let next = value?[key] else { break }
                    value = next
                }
                throw ConfigError(
                    .unknownParamKey(stage: stage, placeholder: text, key: missing), at: location(node, offset: offset))
            default:
                let candidates =
                    ["${out}"] + deps.map { "${deps.\($0.name)}" } + params.keys.sorted().map { "${params.\($0)}" }
                throw ConfigError(
                    .unknownPlaceholder(
                        stage: stage, placeholder: text, suggestion: DidYouMean.suggestion(for: text, among: candidates)
                    ),
                    at: location(node, offset: offset))
            }
        }
    }

    /// The position of the character `offset` into a scalar: exact for single-line plain and quoted
    /// scalars, the scalar's start otherwise.
    private func location(_ node: Node, offset: Int) -> SourceLocation {
        var base = reader.location(node)
        guard case .scalar(let scalar) = node, !scalar.string.contains("\n") else { return base }
        switch scalar.style {
        case .plain, .any: base.column += offset
        case .singleQuoted, .doubleQuoted:
            // Escapes make the written text longer than the value; only count when there are none.
            if !scalar.string.contains("'") && !scalar.string.contains("\\") && !scalar.string.contains("\"") {
                base.column += offset + 1
            }
        case .literal, .folded: break
        }
        return base
    }
}
