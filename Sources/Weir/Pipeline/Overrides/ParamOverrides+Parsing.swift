import Yams

extension ParamOverrides {
    /// Reads one `--set [STAGE.]NAME=VALUE`, its value typed as YAML types it.
    static func parse(_ assignment: String, pipeline: Pipeline) throws -> ParamOverride {
        let shown = "'--set \(assignment)'"
        guard let equals = assignment.firstIndex(of: "=") else {
            throw ParamOverrideError(
                "The value '\(assignment)' is invalid for '--set'. Write it as NAME=VALUE or STAGE.NAME=VALUE, e.g. '--set clean.factor=3'."
            )
        }
        let key = String(assignment[..<equals])
        let text = String(assignment[assignment.index(after: equals)...])
        let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) else {
            throw ParamOverrideError(
                "The name '\(key)' in \(shown) is not NAME or STAGE.NAME. To change a key inside a mapping param, give the whole mapping, e.g. --set 'clean.opts={alpha: 3, beta: 1}'."
            )
        }
        let stage = parts.count == 2 ? parts[0] : nil
        let name = parts[parts.count - 1]
        try check(stage: stage, name: name, in: pipeline, shown: shown, location: nil)
        let value = try yamlValue(text, key: key, shown: shown)
        return ParamOverride(stage: stage, name: name, value: value, source: ParamOverride.setSource)
    }

    /// A command-line value as YAML types it: `3` an integer, `3.0` a double, `true`, `[1, 2]`, text.
    private static func yamlValue(_ text: String, key: String, shown: String) throws -> JSONValue {
        let reader = YAMLReader(file: "--set")
        do {
            return try reader.jsonValue(try reader.compose(text), param: key)
        } catch {
            switch error.kind {
            case .emptyFile:
                throw ParamOverrideError(
                    "The override \(shown) has no value. Write '\(key)=null' for null, or '\(key)=\"\"' (quoted for the shell) for empty text."
                )
            case .invalidYAML(let problem):
                throw ParamOverrideError(
                    "The value '\(text)' in \(shown) is not valid YAML: \(problem). Quote text that holds YAML punctuation, e.g. --set '\(key)=\"\(text)\"'."
                )
            default:
                throw ParamOverrideError("The value '\(text)' in \(shown) is invalid. \(error.kind.message)")
            }
        }
    }

    /// Refuses a stage or param that `weir.yaml` does not declare, suggesting the nearest name.
    static func check(stage: String?, name: String, in pipeline: Pipeline, shown: String, location: SourceLocation?)
        throws
    {
        let declareHint =
            "Overrides change params declared in weir.yaml; declare a new param there first."
        if let stage {
            guard let definition = pipeline.stage(named: stage) else {
                let hint =
                    DidYouMean.suggestion(for: stage, among: pipeline.stageNames).map { "Did you mean '\($0)'?" }
                    ?? "The stages are \(ConfigError.Kind.list(pipeline.stageNames))."
                throw ParamOverrideError("Unknown stage '\(stage)' in \(shown). \(hint)", at: location)
            }
            guard definition.params[name] == nil else { return }
            let names = definition.params.keys.sorted()
            let hint =
                DidYouMean.suggestion(for: name, among: names).map { "Did you mean '\($0)'?" }
                ?? (names.isEmpty ? "It has no params." : "Its params are \(ConfigError.Kind.list(names)).")
            throw ParamOverrideError(
                "Stage '\(stage)' has no param '\(name)' (\(shown)). \(hint) \(declareHint)", at: location)
        }
        let names = Set(pipeline.sharedParams.keys).union(pipeline.stages.flatMap(\.params.keys)).sorted()
        guard !names.contains(name) else { return }
        let hint =
            DidYouMean.suggestion(for: name, among: names).map { "Did you mean '\($0)'?" }
            ?? (names.isEmpty ? "The pipeline has no params." : "The params are \(ConfigError.Kind.list(names)).")
        throw ParamOverrideError("No stage has a param '\(name)' (\(shown)). \(hint) \(declareHint)", at: location)
    }
}
