import Foundation
import Yams

/// Turns the text of a `weir.yaml` into a validated ``Pipeline``, failing at the first problem.
public struct PipelineParser: Sendable {
    /// The project folder, for params files.
    public let projectRoot: String

    public init(projectRoot: String) {
        self.projectRoot = projectRoot
    }

    /// Reads and validates the project's `weir.yaml`.
    ///
    /// - Throws: ``ConfigError`` naming file, line and column.
    public static func load(_ project: ProjectLocation) throws -> Pipeline {
        let start = SourceLocation(file: "weir.yaml", line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: project.configPath) else {
            throw ConfigError(.unreadable(reason: "it cannot be opened as a file"), at: start)
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ConfigError(.unreadable(reason: "it is not valid UTF-8"), at: start)
        }
        return try PipelineParser(projectRoot: project.root).parse(text, file: "weir.yaml")
    }

    static let topLevelKeys = ["stages", "params", "version", "state", "executor", "slurm"]

    /// Parses and validates pipeline text; `file` names it in messages.
    public func parse(_ text: String, file: String) throws(ConfigError) -> Pipeline {
        let reader = YAMLReader(file: file)
        let root = try reader.compose(text)
        let entries = try reader.mapping(root, what: "the pipeline file", example: "'stages: {…}' at the top level")
        try reader.checkKeys(entries, allowed: Self.topLevelKeys, context: "the pipeline file")

        if let version = entries.first(where: { $0.key == "version" })?.value {
            guard case .scalar(let scalar) = version, Int.construct(from: scalar) == 1 else {
                throw ConfigError(
                    .unsupportedVersion(found: "\(version.scalar?.string ?? reader.describe(version))"),
                    at: reader.location(version))
            }
        }

        if let node = entries.first(where: { $0.key == "state" })?.value {
            _ = try StateLocation.parse(node, reader: reader)
        }

        let execution = try ExecutionParser(reader: reader).defaults(entries)

        var shared: [String: JSONValue] = [:]
        if let node = entries.first(where: { $0.key == "params" })?.value {
            for param in try reader.params(node, what: "the shared 'params'") { shared[param.name] = param.value }
        }

        guard let stagesNode = entries.first(where: { $0.key == "stages" })?.value else {
            throw ConfigError(
                .missingKey(key: "stages", context: "the pipeline file", example: "stages: {clean: {cmd: …, out: …}}"),
                at: reader.location(root))
        }
        let stageEntries = try reader.mapping(
            stagesNode, what: "'stages'", example: "'stages: {clean: {cmd: …, out: …}}'")
        guard !stageEntries.isEmpty else { throw ConfigError(.noStages, at: reader.location(stagesNode)) }

        let stageParser = StageParser(
            reader: reader, projectRoot: projectRoot, sharedParams: shared, execution: execution)
        var stages: [StageDefinition] = []
        for entry in stageEntries {
            guard Naming.isValid(entry.key) else {
                throw ConfigError(.invalidName(name: entry.key, what: "stage"), at: reader.location(entry.keyNode))
            }
            stages.append(try stageParser.parse(name: entry.key, keyNode: entry.keyNode, node: entry.value))
        }

        try PipelineValidator(stages: stages).validate()
        let ordered = try PipelineGraph(stages: stages).topologicalOrder()
        return Pipeline(file: file, sharedParams: shared, stages: ordered)
    }
}
