import ArgumentParser
import Weir

/// `--set` and `--params`, which `weir run` and `weir status` take alike.
struct OverrideOptions: ParsableArguments {
    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Override a param for this run: NAME=VALUE for every stage that has it, STAGE.NAME=VALUE for one stage; the value is read as YAML (3, 3.0, true, kelvin, '[1, 2]'). Repeatable; wins over --params.",
            valueName: "[stage.]name=value"))
    var assignments: [String] = []

    @Option(
        name: .customLong("params"),
        help: ArgumentHelp(
            "A profile of param overrides: a YAML mapping of shared params, and of params under a stage's name (e.g. profiles/dev.yaml).",
            valueName: "file"))
    var paramsFile: String?

    /// The overrides checked against `project`'s pipeline.
    func overrides(for project: Project) throws -> ParamOverrides {
        try project.overrides(set: assignments, paramsFile: paramsFile)
    }
}
