import Foundation

/// How a stage command receives its params and paths besides the placeholders: environment variables
/// and a JSON file.
package enum ParamHandoff {
    /// The variables added to the inherited environment.
    ///
    /// `WEIR_STAGE`, `WEIR_RUN_ID`, `WEIR_PROJECT` (absolute), `WEIR_OUT` (absolute output folder),
    /// `WEIR_PARAMS` (absolute path of the params JSON file) and `WEIR_PARAM_<NAME>` for each param:
    /// strings as they are, other values as canonical JSON. When the running program is `weir`,
    /// its folder comes first in `PATH`.
    package static func environment(
        stage: StageDefinition, runID: String, project: ProjectLocation, outputFolder: String, paramsFile: String
    ) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("WEIR_PARAM_") }
        environment["WEIR_STAGE"] = stage.name
        environment["WEIR_RUN_ID"] = runID
        environment["WEIR_PROJECT"] = project.root
        environment["WEIR_OUT"] = outputFolder
        environment["WEIR_PARAMS"] = paramsFile
        for (name, value) in stage.params {
            environment[Naming.environmentName(forParam: name)] = CommandTemplate.text(of: value)
        }
        if let folder = weirExecutableFolder {
            // A stage that calls `weir` (to query a dataset, say) gets the same build that runs it.
            environment["PATH"] = folder + (environment["PATH"].map { ":" + $0 } ?? "")
        }
        return environment
    }

    /// The folder of the running `weir` executable; `nil` when a program other than `weir` uses the library.
    static let weirExecutableFolder: String? = {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
            path.hasSuffix("/weir")
        else { return nil }
        return String(path.dropLast(5))
    }()

    /// The params as a JSON object, keys sorted, for `$WEIR_PARAMS`.
    package static func paramsJSON(_ params: [String: JSONValue]) -> [UInt8] {
        Array(JSONValue.object(params).prettyString().utf8)
    }
}
