import Foundation
import WeirColumns
import Yams

/// Reads the options transform stages share (`input`, column names with their places, choices,
/// sizes), each error located in `weir.yaml`.
struct TransformOptionReader {
    let reader: YAMLReader
    let stage: String

    var context: String { "stage '\(stage)'" }

    /// A column name as written, with its place.
    func named(_ node: Node, _ key: String, example: String) throws(ConfigError) -> ResampleStageSpec.Named {
        let name = try reader.string(node, what: "the '\(key)' of \(context)", example: example)
        return ResampleStageSpec.Named(name: name, location: reader.location(node))
    }

    /// One name or a list of names.
    func names(_ node: Node?, _ key: String, example: String) throws(ConfigError) -> [ResampleStageSpec.Named] {
        guard let node, !reader.isNull(node) else { return [] }
        guard case .sequence(let items) = node else { return [try named(node, key, example: example)] }
        var result: [ResampleStageSpec.Named] = []
        for item in items { result.append(try named(item, key, example: example)) }
        return result
    }

    /// `input: stage:NAME` or a project path, as the dependency named `input` (or `key`).
    func input(_ node: Node, key: String = "input") throws(ConfigError) -> StageDependency {
        let example = "'\(key): stage:readings' or '\(key): data/readings.parquet'"
        let text = try reader.string(node, what: "the '\(key)' of \(context)", example: example)
        let location = reader.location(node)
        if text.hasPrefix("stage:") {
            let upstream = String(text.dropFirst("stage:".count)).trimmingCharacters(in: .whitespaces)
            guard !upstream.isEmpty else { throw ConfigError(.emptyPath(what: "\(key) of \(context)"), at: location) }
            return StageDependency(name: key, target: .stage(upstream), location: location)
        }
        switch ProjectPath.normalize(text) {
        case .success(let path): return StageDependency(name: key, target: .path(path), location: location)
        case .failure(.empty): throw ConfigError(.emptyPath(what: "\(key) of \(context)"), at: location)
        case .failure(.outside):
            throw ConfigError(.pathOutsideProject(what: "\(key) of \(context)", path: text), at: location)
        case .failure(.stateFolder):
            throw ConfigError(.pathInsideStateFolder(what: "\(key) of \(context)", path: text), at: location)
        }
    }

    func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ key: String, _: T.Type, allowed: [T]? = nil)
        throws(ConfigError) -> T where T.RawValue == String
    {
        let names = (allowed ?? Array(T.allCases)).map(\.rawValue)
        let text = try reader.string(node, what: "the '\(key)' of \(context)", example: "'\(key): \(names[0])'")
        guard let value = T(rawValue: text), names.contains(text) else {
            let hint = DidYouMean.suggestion(for: text, among: names).map { "Did you mean '\($0)'? " } ?? ""
            throw ConfigError(
                .invalidValue(
                    what: "'\(key)' of \(context)",
                    problem: "'\(text)' is not allowed. \(hint)Use \(ConfigError.Kind.list(names))."),
                at: reader.location(node))
        }
        return value
    }

    /// A scalar as written, whatever YAML made of it (`-60`, `0.5`, `IV`).
    func scalar(_ node: Node, what: String, example: String) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node, !reader.isNull(node) else {
            throw ConfigError(
                .wrongType(what: what, expected: "a value", found: reader.describe(node), example: example),
                at: reader.location(node))
        }
        return scalar.string
    }

    /// `memory: 512MiB` in bytes.
    func memory(_ node: Node) throws(ConfigError) -> Int {
        let text = try reader.string(node, what: "the 'memory' of \(context)", example: "'memory: 512MiB'")
        guard let bytes = MemorySize.parse(text) else {
            throw ConfigError(
                .invalidValue(
                    what: "'memory' of \(context)",
                    problem: "'\(text)' is not a size. Write a whole number with KiB, MiB or GiB, such as '512MiB'."),
                at: reader.location(node))
        }
        return bytes
    }

    /// A whole number of at least `minimum`.
    func whole(_ node: Node, _ key: String, minimum: Int, example: String) throws(ConfigError) -> Int {
        let text = try reader.string(node, what: "the '\(key)' of \(context)", example: example)
        guard let number = Int(text), number >= minimum else {
            throw ConfigError(
                .invalidValue(
                    what: "'\(key)' of \(context)", problem: "'\(text)' is not a whole number of \(minimum) or more."),
                at: reader.location(node))
        }
        return number
    }
}

extension ResampleStageSpec.Named {
    /// The field of this column in `schema`.
    /// - Throws: `ConfigError` at the name: the input has no such column (with the closest name).
    func field(in schema: Schema, role: String, stage: String) throws(ConfigError) -> Field {
        if let index = schema.index(of: name) { return schema.fields[index] }
        let names = schema.fields.map(\.name)
        let hint = DidYouMean.suggestion(for: name, among: names).map { "Did you mean '\($0)'? " } ?? ""
        throw ConfigError(
            .invalidValue(
                what: "\(role) of stage '\(stage)'",
                problem: "The input has no column '\(name)'. \(hint)Its columns are "
                    + names.map { "'\($0)'" }.joined(separator: ", ") + "."),
            at: location)
    }
}
