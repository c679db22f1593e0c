import Foundation

/// The param overrides of one run: `--set [STAGE.]NAME=VALUE` assignments and a profile file
/// (`--params FILE`), checked against the pipeline.
///
/// Precedence, weakest first: `weir.yaml`, the profile's shared params, the profile's stage params,
/// shared `--set`, stage `--set`. Only params declared in `weir.yaml` (shared, in a stage's
/// `params` or its `params_file`) can be overridden, so a misspelt name is an error, not a new param.
public struct ParamOverrides: Sendable, Hashable {
    /// The winning override of each `[STAGE.]NAME`, sorted by that key: what a version records.
    public private(set) var effective: [ParamOverride] = []

    /// No overrides.
    public init() {}

    /// Checks `assignments` (`clean.factor=3`, `units=kelvin`) and the profile `paramsFile` against `pipeline`.
    ///
    /// - Parameters:
    ///   - paramsFile: a path relative to `currentDirectory` (or, when no such file exists there, to
    ///     the project folder); it names the source in messages and records as written.
    /// - Throws: ``ParamOverrideError`` for an unknown stage or param (with a did-you-mean) or a
    ///   malformed assignment; ``ConfigError`` for a profile that is not a YAML mapping.
    public init(
        set assignments: [String], paramsFile: String?, pipeline: Pipeline, projectRoot: String,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) throws {
        var given: [ParamOverride] = []
        if let paramsFile {
            let profile = ProfileFile(path: paramsFile, currentDirectory: currentDirectory, projectRoot: projectRoot)
            given += try profile.load(pipeline: pipeline)
        }
        for assignment in assignments {
            given.append(try Self.parse(assignment, pipeline: pipeline))
        }
        self.init(given)
    }

    /// Overrides already checked (a version's record, a test).
    public init(_ given: [ParamOverride]) {
        var winners: [String: ParamOverride] = [:]
        // A stable sort keeps the order given within one precedence, so a later `--set` wins.
        for override in given.enumerated().sorted(by: {
            ($0.element.precedence, $0.offset) < ($1.element.precedence, $1.offset)
        }) {
            winners[override.element.key] = override.element
        }
        effective = winners.values.sorted { $0.key < $1.key }
    }

    public var isEmpty: Bool { effective.isEmpty }

    /// `pipeline` with the overrides' values in the params of the stages they reach.
    ///
    /// A shared override sets the param in every stage that has it, the stage's own value included;
    /// a stage override wins over a shared one.
    /// - Throws: ``ParamOverrideError`` for a stage or param the pipeline does not declare, or when a
    ///   command's `${params.NAME.KEY}` no longer finds its key.
    public func applied(to pipeline: Pipeline) throws -> Pipeline {
        if effective.isEmpty { return pipeline }
        for override in effective {
            try Self.check(
                stage: override.stage, name: override.name, in: pipeline,
                shown: "'\(override.key)=\(override.value.displayText)' (\(override.source))", location: nil)
        }
        let ordered = effective.sorted { $0.precedence < $1.precedence }
        var shared = pipeline.sharedParams
        for override in ordered where override.stage == nil && shared[override.name] != nil {
            shared[override.name] = override.value
        }
        var stages: [StageDefinition] = []
        for var stage in pipeline.stages {
            for override in ordered
            where (override.stage == nil || override.stage == stage.name) && stage.params[override.name] != nil {
                stage.params[override.name] = override.value
                stage.paramSources[override.name] = override.source
            }
            try Self.checkPlaceholders(of: stage, overrides: ordered)
            stages.append(stage)
        }
        return Pipeline(file: pipeline.file, sharedParams: shared, stages: stages)
    }

    /// `${params.opts.alpha}` must still find `alpha` once `opts` is overridden.
    private static func checkPlaceholders(of stage: StageDefinition, overrides: [ParamOverride]) throws {
        guard stage.kind == .command, !stage.paramSources.isEmpty,
            case .success(let template) = CommandTemplate.parse(stage.command)
        else { return }
        for case .placeholder(.param(let name, let keys), let text, _) in template.segments
        where !keys.isEmpty && stage.paramSources[name] != nil {
            guard CommandTemplate.lookup(stage.params[name], keys: keys) == nil else { continue }
            let override = overrides.last { $0.name == name && ($0.stage == nil || $0.stage == stage.name) }
            let given = override.map { "'\($0.key)=\($0.value.displayText)' (\($0.source))" } ?? "'\(name)'"
            throw ParamOverrideError(
                "The override \(given) leaves the command of stage '\(stage.name)' without the value of '\(text)'. Give '\(name)' a mapping with the key '\(keys.joined(separator: "."))'."
            )
        }
    }
}
