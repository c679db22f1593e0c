import Foundation
import Yams

/// A YAML or JSON file whose top-level mapping holds a stage's params.
struct ParamsFile {
    let projectRoot: String

    struct Param {
        let name: String
        let value: JSONValue
        let location: SourceLocation
    }

    /// The params in `relative`; `reference` is where the config names the file.
    func load(_ relative: String, at reference: SourceLocation) throws(ConfigError) -> [Param] {
        let text: String
        do {
            text = try String(contentsOfFile: projectRoot + "/" + relative, encoding: .utf8)
        } catch {
            let reason =
                FileManager.default.fileExists(atPath: projectRoot + "/" + relative)
                ? "it is not UTF-8 text" : "no such file"
            throw ConfigError(.paramsFileUnreadable(path: relative, reason: reason), at: reference)
        }
        let reader = YAMLReader(file: relative)
        let root = try reader.compose(text)
        return try reader.params(root, what: "the params file").map { param in
            Param(name: param.name, value: param.value, location: reader.location(param.keyNode))
        }
    }
}
