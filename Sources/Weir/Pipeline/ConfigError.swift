/// A problem in `weir.yaml` (or a params file it names): where it is, what is wrong, how to fix it.
///
/// Every message starts with `file:line:column:`. Configuration errors exit with status 2.
public struct ConfigError: UserFacingError, Hashable {
    public let location: SourceLocation
    public let kind: Kind

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public var exitStatus: Int32 { 2 }

    public var description: String { "\(location): \(kind.message)" }

    /// The problem kinds, each with the facts its message needs.
    public enum Kind: Sendable, Hashable {
        /// The YAML itself cannot be read.
        case invalidYAML(problem: String)
        case emptyFile
        case unreadable(reason: String)
        case duplicateKey(key: String)
        /// `context` names the mapping ("the pipeline", "stage 'clean'").
        case unknownKey(key: String, context: String, suggestion: String?, allowed: [String])
        case missingKey(key: String, context: String, example: String)
        /// `expected` and `found` are phrases: "a mapping", "a string", "a sequence".
        case wrongType(what: String, expected: String, found: String, example: String)
        case invalidName(name: String, what: String)
        case duplicateEnvironmentName(first: String, second: String, variable: String)
        case unsupportedVersion(found: String)
        case noStages
        case kindNotAvailable(stage: String, kind: String)
        case unknownKind(stage: String, kind: String, suggestion: String?)
        case unknownStage(stage: String, reference: String, suggestion: String?)
        case cycle(path: [String])
        case unknownPlaceholder(stage: String, placeholder: String, suggestion: String?)
        case unterminatedPlaceholder(stage: String)
        case unknownParamKey(stage: String, placeholder: String, key: String)
        case unhashableValue(param: String, problem: String)
        case pathOutsideProject(what: String, path: String)
        case pathInsideStateFolder(what: String, path: String)
        case emptyPath(what: String)
        case dependencyIsStageOutput(stage: String, dep: String, path: String, producer: String)
        case dependencyContainsOutput(stage: String, dep: String, path: String, producer: String, out: String)
        case overlappingOutputs(stage: String, out: String, other: String, otherOut: String)
        case paramsFileUnreadable(path: String, reason: String)
        case paramDefinedTwice(stage: String, param: String, file: String)
        /// An option has a value of the right type that is still wrong (a bad pattern, an unknown zone…).
        case invalidValue(what: String, problem: String)

        public var message: String {
            switch self {
            case .invalidYAML(let problem):
                return "The file is not valid YAML: \(problem). Fix the syntax at this position."
            case .emptyFile:
                return "The file is empty. Declare the pipeline under 'stages:' (run 'weir init' for a starter file)."
            case .unreadable(let reason):
                return "The file cannot be read: \(reason). Check that it exists and holds UTF-8 text."
            case .duplicateKey(let key):
                return "The key '\(key)' appears more than once in the same mapping. Keep only one of them."
            case .unknownKey(let key, let context, let suggestion, let allowed):
                let hint = suggestion.map { "Did you mean '\($0)'?" } ?? "Use one of \(Self.list(allowed))."
                return "Unknown key '\(key)' in \(context). \(hint)"
            case .missingKey(let key, let context, let example):
                return
                    "\(context.prefix(1).uppercased() + context.dropFirst()) is missing the required key '\(key)'. Add it, for example '\(example)'."
            case .wrongType(let what, let expected, let found, let example):
                return
                    "\(what.prefix(1).uppercased() + what.dropFirst()) must be \(expected), not \(found). Write it as \(example)."
            case .invalidName(let name, let what):
                return
                    "The \(what) name '\(name)' is invalid. Use letters, digits, '_' and '-', starting with a letter or '_'."
            case .duplicateEnvironmentName(let first, let second, let variable):
                return
                    "The params '\(first)' and '\(second)' would both be handed over as '$\(variable)'. Rename one of them."
            case .unsupportedVersion(let found):
                return
                    "The pipeline format version '\(found)' is not supported. Write 'version: 1' or leave the key out."
            case .noStages:
                return "The pipeline has no stages. Add at least one stage under 'stages:'."
            case .kindNotAvailable(let stage, let kind):
                return
                    "Stage '\(stage)' has kind '\(kind)', which is not available yet in this version of Weir. Use 'kind: command' with a shell command for now."
            case .unknownKind(let stage, let kind, let suggestion):
                let hint = suggestion.map { "Did you mean '\($0)'?" } ?? "Use 'command'."
                return "Stage '\(stage)' has the unknown kind '\(kind)'. \(hint)"
            case .unknownStage(let stage, let reference, let suggestion):
                let hint =
                    suggestion.map { "Did you mean 'stage:\($0)'?" }
                    ?? "Declare a stage named '\(reference)' or fix the name."
                return "Stage '\(stage)' depends on the unknown stage '\(reference)'. \(hint)"
            case .cycle(let path):
                return "The stages form a cycle: \(path.joined(separator: " → ")). Remove one of these dependencies."
            case .unknownPlaceholder(let stage, let placeholder, let suggestion):
                let hint =
                    suggestion.map { "Did you mean '\($0)'?" }
                    ?? "Use '${out}', '${deps.NAME}' with a dep of the stage, or '${params.NAME}' with one of its params (write '$${' for a literal '${')."
                return "Unknown placeholder '\(placeholder)' in the command of stage '\(stage)'. \(hint)"
            case .unterminatedPlaceholder(let stage):
                return
                    "A placeholder in the command of stage '\(stage)' has no closing '}'. Close it, or write '$${' for a literal '${'."
            case .unknownParamKey(let stage, let placeholder, let key):
                return
                    "The placeholder '\(placeholder)' in the command of stage '\(stage)' names the key '\(key)', which its param does not have. Fix the key or the param's value."
            case .unhashableValue(let param, let problem):
                return
                    "The param '\(param)' cannot be part of a fingerprint: \(problem). Write it as a number, string, boolean, null, list or mapping."
            case .pathOutsideProject(let what, let path):
                return
                    "The \(what) is '\(path)', outside the project. Use a path inside the project folder so fingerprints are the same on every machine (link outside data in, e.g. 'ln -s /data/raw data/raw')."
            case .pathInsideStateFolder(let what, let path):
                return
                    "The \(what) is '\(path)', which is or contains '.weir', the folder Weir manages. Use a path outside '.weir'."
            case .emptyPath(let what):
                return "The \(what) is empty. Give a project-relative path."
            case .dependencyIsStageOutput(let stage, let dep, let path, let producer):
                return
                    "The dep '\(dep)' of stage '\(stage)' is '\(path)', the output of stage '\(producer)'. Write 'stage:\(producer)' instead so Weir knows the order."
            case .dependencyContainsOutput(let stage, let dep, let path, let producer, let out):
                return
                    "The dep '\(dep)' of stage '\(stage)' is '\(path)', which contains '\(out)', the output of stage '\(producer)'. Depend on a narrower path, and on 'stage:\(producer)' for its output."
            case .overlappingOutputs(let stage, let out, let other, let otherOut):
                return
                    "The output '\(out)' of stage '\(stage)' overlaps the output '\(otherOut)' of stage '\(other)'. Give every stage its own output path."
            case .paramsFileUnreadable(let path, let reason):
                return
                    "The params file '\(path)' cannot be read: \(reason). Check the path (it is relative to the project folder)."
            case .paramDefinedTwice(let stage, let param, let file):
                return
                    "The param '\(param)' of stage '\(stage)' is set both in 'params' and in the params file '\(file)'. Keep it in one place."
            case .invalidValue(let what, let problem):
                return "The \(what) is invalid. \(problem)"
            }
        }

        package static func list(_ items: [String]) -> String {
            let quoted = items.map { "'\($0)'" }
            guard quoted.count > 1 else { return quoted.first ?? "" }
            return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
        }
    }
}
