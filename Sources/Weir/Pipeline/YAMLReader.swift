import Yams

/// Reads Yams nodes into configuration values; every mismatch becomes a located ``ConfigError``.
struct YAMLReader {
    /// The file as messages name it.
    let file: String

    func location(_ node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// The first document of `text`.
    func compose(_ text: String) throws(ConfigError) -> Node {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw convert(error)
        } catch {
            throw ConfigError(.invalidYAML(problem: "\(error)"), at: SourceLocation(file: file, line: 1, column: 1))
        }
        guard let node else { throw ConfigError(.emptyFile, at: SourceLocation(file: file, line: 1, column: 1)) }
        return node
    }

    private func convert(_ error: YamlError) -> ConfigError {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return ConfigError(.invalidYAML(problem: detail), at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigError(.duplicateKey(key: duplicates.first ?? "?"), at: at(context.mark))
        case .reader(let problem, _, _, _):
            return ConfigError(.invalidYAML(problem: problem), at: SourceLocation(file: file, line: 1, column: 1))
        default:
            return ConfigError(.invalidYAML(problem: "\(error)"), at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    /// A phrase for what a node is, for "must be X, not Y" messages.
    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: return "empty"
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue: return "the number '\(scalar.string)'"
            case Tag.Name.bool.rawValue: return "the boolean '\(scalar.string)'"
            default: return "the text '\(scalar.string)'"
            }
        }
    }

    func isNull(_ node: Node) -> Bool {
        if case .scalar = node { return node.tag.rawValue == Tag.Name.null.rawValue }
        return false
    }

    /// The entries of a mapping node with string keys, in file order.
    func mapping(_ node: Node, what: String, example: String) throws(ConfigError) -> [(
        key: String, keyNode: Node, value: Node
    )] {
        guard case .mapping(let mapping) = node else {
            throw ConfigError(
                .wrongType(what: what, expected: "a mapping", found: describe(node), example: example),
                at: location(node))
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                throw ConfigError(
                    .wrongType(
                        what: "a key in \(what)", expected: "a plain name", found: describe(key), example: example),
                    at: location(key))
            }
            entries.append((scalar.string, key, value))
        }
        return entries
    }

    /// A string scalar; numbers, booleans and null are refused so nothing is silently converted.
    func string(_ node: Node, what: String, example: String) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node, node.tag.rawValue == Tag.Name.str.rawValue else {
            throw ConfigError(
                .wrongType(what: what, expected: "a string", found: describe(node), example: example),
                at: location(node))
        }
        return scalar.string
    }

    /// Refuses keys outside `allowed`, suggesting the nearest allowed one.
    func checkKeys(
        _ entries: [(key: String, keyNode: Node, value: Node)], allowed: [String], context: String
    ) throws(ConfigError) {
        for entry in entries where !allowed.contains(entry.key) {
            let suggestion = DidYouMean.suggestion(for: entry.key, among: allowed)
            throw ConfigError(
                .unknownKey(key: entry.key, context: context, suggestion: suggestion, allowed: allowed),
                at: location(entry.keyNode))
        }
    }
}
