/// Why a stage will run or be relinked, as `weir status` reports it (SPEC §10).
public enum StageReason: Sendable, Hashable {
    /// No run of this stage was ever recorded.
    case newStage
    /// The output path does not point at the run the fingerprint names, or that run's folder is gone.
    case missingOutput
    case commandChanged
    /// An option of a built-in stage (an ingest stage's `schema_evolution`, `csv.delimiter`)
    /// changed; `old` or `new` is nil when it was added or removed. Its kind is `command-changed`.
    case optionChanged(name: String, old: JSONValue?, new: JSONValue?)
    /// `old` or `new` is nil when the param was added or removed.
    case paramChanged(name: String, old: JSONValue?, new: JSONValue?)
    /// A path dep's content (or the dep itself) changed.
    case inputChanged(path: String)
    /// An upstream stage's output changed, or will be produced anew.
    case upstreamChanged(stage: String)
    case forced

    /// The `kind` string of the JSON form.
    public var kind: String {
        switch self {
        case .newStage: "new-stage"
        case .missingOutput: "missing-output"
        case .commandChanged, .optionChanged: "command-changed"
        case .paramChanged: "param-changed"
        case .inputChanged: "input-changed"
        case .upstreamChanged: "upstream-changed"
        case .forced: "forced"
        }
    }

    /// `{"kind": …, …}` as `weir status --json` prints it.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["kind": .string(kind)]
        switch self {
        case .paramChanged(let name, let old, let new):
            object["name"] = .string(name)
            object["old"] = old ?? .null
            object["new"] = new ?? .null
        case .optionChanged(let name, let old, let new):
            object["option"] = .string(name)
            object["old"] = old ?? .null
            object["new"] = new ?? .null
        case .inputChanged(let path): object["path"] = .string(path)
        case .upstreamChanged(let stage): object["stage"] = .string(stage)
        default: break
        }
        return .object(object)
    }

    /// The reason for people: `param 'factor' changed 2 → 3`.
    public var text: String {
        switch self {
        case .newStage: return "new stage"
        case .missingOutput: return "output missing"
        case .commandChanged: return "command changed"
        case .optionChanged(let name, let old?, let new?):
            return "option '\(name)' changed \(old.displayText) → \(new.displayText)"
        case .optionChanged(let name, nil, let new?): return "option '\(name)' set to \(new.displayText)"
        case .optionChanged(let name, let old?, nil): return "option '\(name)' removed (was \(old.displayText))"
        case .optionChanged(let name, nil, nil): return "option '\(name)' changed"
        case .paramChanged(let name, let old?, let new?):
            return "param '\(name)' changed \(old.displayText) → \(new.displayText)"
        case .paramChanged(let name, nil, let new?): return "param '\(name)' added (\(new.displayText))"
        case .paramChanged(let name, let old?, nil): return "param '\(name)' removed (was \(old.displayText))"
        case .paramChanged(let name, nil, nil): return "param '\(name)' changed"
        case .inputChanged(let path): return "input '\(path)' changed"
        case .upstreamChanged(let stage): return "upstream '\(stage)' changed"
        case .forced: return "forced"
        }
    }
}

extension [StageReason] {
    /// The JSON array stored with a run record.
    var json: JSONValue { .array(map(\.json)) }
}
