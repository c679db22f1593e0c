/// What `weir run` will do with a stage, as `weir status` reports it.
public enum StageState: String, Sendable, Hashable, Codable {
    case upToDate = "up-to-date"
    case willRun = "will-run"
    case willReuse = "will-reuse"
}

/// A stage's state, the reasons for it, and (for reuse) which committed run it will link.
public struct StagePlan: Sendable, Hashable {
    public var stage: String
    public var state: StageState
    public var reasons: [StageReason]
    /// The run the stage will link (`will-reuse`) or already links (`up-to-date`).
    public var run: String?
    /// The latest version that holds `run` for this stage, if any.
    public var version: Int64?
    /// Known unless an upstream stage will run first.
    public var fingerprint: StageFingerprint?

    public init(
        stage: String, state: StageState, reasons: [StageReason], run: String? = nil, version: Int64? = nil,
        fingerprint: StageFingerprint? = nil
    ) {
        self.stage = stage
        self.state = state
        self.reasons = reasons
        self.run = run
        self.version = version
        self.fingerprint = fingerprint
    }

    /// The object `weir status --json` prints: `stage`, `state`, `reasons`, and `run` for `will-reuse`.
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "stage": .string(stage), "state": .string(state.rawValue), "reasons": .array(reasons.map(\.json)),
        ]
        if state == .willReuse, let run { object["run"] = .string(run) }
        return .object(object)
    }

    /// One line for people: `clean: will run — param 'factor' changed 2 → 3`.
    public var line: String {
        let because = reasons.isEmpty ? "" : " — " + reasons.map(\.text).joined(separator: "; ")
        switch state {
        case .upToDate: return "\(stage): up to date"
        case .willRun: return "\(stage): will run" + because
        case .willReuse:
            let from = version.map { " (v\($0))" } ?? ""
            return "\(stage): will reuse run \(run.map { String($0.prefix(12)) } ?? "?")\(from)" + because
        }
    }
}
