/// Resolves the stage names of run options against a pipeline.
package struct StageSelection: Sendable, Hashable {
    package var selected: Set<String>
    package var forced: Set<String>

    /// - Throws: ``UnknownStageError`` for a name that is not a stage; ``RunOptionsError`` for
    ///   `--downstream` without a stage.
    package init(_ options: RunOptions, pipeline: Pipeline) throws {
        let names = pipeline.stageNames
        for name in options.targets + options.force + options.only where !names.contains(name) {
            throw UnknownStageError(name: name, known: names)
        }
        if !options.only.isEmpty && !options.targets.isEmpty {
            throw RunOptionsError(
                message:
                    "Give stages either as arguments or with '--only', not both. Use '--only STAGE' to run just that stage."
            )
        }
        let roots = Set(options.only.isEmpty ? options.targets : options.only)
        if options.downstream && roots.isEmpty {
            throw RunOptionsError(
                message: "'--downstream' needs a stage to start from. Write 'weir run STAGE --downstream'.")
        }
        var selected: Set<String>
        if roots.isEmpty {
            selected = Set(names)
        } else if options.downstream {
            selected = Set(pipeline.withDownstream(roots))
        } else if !options.only.isEmpty {
            selected = roots
        } else {
            selected = Set(pipeline.withUpstream(roots))
        }
        selected.formUnion(options.force)
        self.selected = selected
        self.forced = options.forceAll ? selected : Set(options.force)
    }
}

/// A stage name on the command line that the pipeline does not have.
public struct UnknownStageError: UserFacingError, Hashable {
    public let name: String
    public let known: [String]
    public var exitStatus: Int32 { 2 }
    public var description: String {
        if let suggestion = DidYouMean.suggestion(for: name, among: known) {
            return "Unknown stage '\(name)'. Did you mean '\(suggestion)'?"
        }
        return "Unknown stage '\(name)'. The stages are \(ConfigError.Kind.list(known))."
    }
}

/// Run options that contradict each other.
public struct RunOptionsError: UserFacingError, Hashable {
    public let message: String
    public var exitStatus: Int32 { 2 }
    public var description: String { message }
}
