import Foundation
import Yams

/// A profile (`--params profiles/dev.yaml`): a YAML mapping of shared params at the top level and,
/// under a stage's name, a mapping of that stage's params.
///
/// ```yaml
/// units: kelvin
/// clean: {factor: 3}
/// ```
/// A top-level key that names a stage is that stage's mapping.
struct ProfileFile {
    /// The path as given; it names the file in messages and in the overrides' source.
    let path: String
    let currentDirectory: String
    let projectRoot: String

    /// The source text of the overrides: `--params profiles/dev.yaml`.
    var source: String { "--params \(path)" }

    /// The file, relative to the current directory, else to the project folder.
    var resolvedPath: String? {
        if path.hasPrefix("/") { return FileManager.default.fileExists(atPath: path) ? path : nil }
        for base in [currentDirectory, projectRoot] {
            let candidate = (base as NSString).appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        return nil
    }

    func load(pipeline: Pipeline) throws -> [ParamOverride] {
        guard let resolved = resolvedPath else {
            throw ParamOverrideError(
                "The params file '\(path)' given with '--params' does not exist (looked in '\(currentDirectory)' and the project folder '\(projectRoot)'). Check the path."
            )
        }
        guard let data = FileManager.default.contents(atPath: resolved),
            let text = String(validating: data, as: UTF8.self)
        else {
            throw ParamOverrideError(
                "The params file '\(path)' cannot be read as UTF-8 text. Check that it is a YAML file.")
        }
        let reader = YAMLReader(file: path)
        let root: Node
        do {
            root = try reader.compose(text)
        } catch {
            switch error.kind {
            case .emptyFile:
                throw ParamOverrideError(
                    "The params file '\(path)' is empty. Write shared params at the top level and a stage's params under its name, e.g. 'units: kelvin' and 'clean: {factor: 3}'."
                )
            default: throw error
            }
        }
        let example = "'units: kelvin' or 'clean: {factor: 3}'"
        var overrides: [ParamOverride] = []
        for entry in try reader.mapping(root, what: "the params file", example: example) {
            let location = reader.location(entry.keyNode)
            if let stage = pipeline.stage(named: entry.key) {
                let what = "the params of stage '\(stage.name)' in the params file"
                guard case .mapping = entry.value else {
                    throw ConfigError(
                        .wrongType(
                            what: what, expected: "a mapping", found: reader.describe(entry.value),
                            example: "'\(stage.name): {\(stage.params.keys.sorted().first ?? "factor"): 3}'"),
                        at: reader.location(entry.value))
                }
                for param in try reader.params(entry.value, what: what) {
                    try ParamOverrides.check(
                        stage: stage.name, name: param.name, in: pipeline,
                        shown: "the params file '\(path)'", location: reader.location(param.keyNode))
                    overrides.append(
                        ParamOverride(stage: stage.name, name: param.name, value: param.value, source: source))
                }
            } else {
                try checkShared(entry.key, pipeline: pipeline, location: location)
                let value = try reader.jsonValue(entry.value, param: entry.key)
                overrides.append(ParamOverride(stage: nil, name: entry.key, value: value, source: source))
            }
        }
        return overrides
    }

    /// A top-level key that is not a stage must be a param; a typo is suggested among both.
    private func checkShared(_ key: String, pipeline: Pipeline, location: SourceLocation) throws {
        let params = Set(pipeline.sharedParams.keys).union(pipeline.stages.flatMap(\.params.keys))
        guard !params.contains(key) else { return }
        let candidates = pipeline.stageNames + params.sorted()
        let hint =
            DidYouMean.suggestion(for: key, among: candidates).map { "Did you mean '\($0)'?" }
            ?? "The stages are \(ConfigError.Kind.list(pipeline.stageNames))."
        throw ParamOverrideError(
            "'\(key)' in the params file '\(path)' is neither a stage nor a param of any stage. \(hint) Write shared params at the top level and a stage's params under its name; declare new params in weir.yaml first.",
            at: location)
    }
}
