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
    /// `old` or `new` is nil when the param was added or removed; `source` names the override that
    /// set the new value (`--set`, `--params profiles/dev.yaml`), nil for `weir.yaml`.
    case paramChanged(name: String, old: JSONValue?, new: JSONValue?, source: String? = nil)
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
        case .paramChanged(let name, let old, let new, let source):
            object["name"] = .string(name)
            object["old"] = old ?? .null
            object["new"] = new ?? .null
            if let source { object["source"] = .string(source) }
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
        case .paramChanged(let name, let old?, let new?, let source):
            return "param '\(name)' changed \(old.displayText) → \(new.displayText)" + Self.from(source)
        case .paramChanged(let name, nil, let new?, let source):
            return "param '\(name)' added (\(new.displayText))" + Self.from(source)
        case .paramChanged(let name, let old?, nil, _): return "param '\(name)' removed (was \(old.displayText))"
        case .paramChanged(let name, nil, nil, _): return "param '\(name)' changed"
        case .inputChanged(let path): return "input '\(path)' changed"
        case .upstreamChanged(let stage): return "upstream '\(stage)' changed"
        case .forced: return "forced"
        }
    }

    /// ` (--set)` after a param changed by an override.
    private static func from(_ source: String?) -> String { source.map { " (\($0))" } ?? "" }

    /// This reason with the override source of a changed param, when `sources` has one.
    func withSource(from sources: [String: String]) -> StageReason {
        guard case .paramChanged(let name, let old, let new, nil) = self, let source = sources[name], new != nil
        else { return self }
        return .paramChanged(name: name, old: old, new: new, source: source)
    }
}

extension [StageReason] {
    /// The JSON array stored with a run record.
    var json: JSONValue { .array(map(\.json)) }
}
