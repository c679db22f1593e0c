/// One param value given for a single run instead of the one in `weir.yaml`: by `--set` or by a
/// profile file (`--params profiles/dev.yaml`).
public struct ParamOverride: Sendable, Hashable, Codable {
    /// The stage whose param it sets; nil for a shared override, which sets the param in every stage that has it.
    public var stage: String?
    /// The param's name.
    public var name: String
    /// The value, typed as YAML types it (`3` an integer, `3.0` a double, `true`, `[1, 2]`).
    public var value: JSONValue
    /// Where it came from, as messages show it: `--set` or `--params profiles/dev.yaml`.
    public var source: String

    public init(stage: String?, name: String, value: JSONValue, source: String) {
        self.stage = stage
        self.name = name
        self.value = value
        self.source = source
    }

    /// `clean.factor` or `units`: how `--set` names it.
    public var key: String { stage.map { "\($0).\(name)" } ?? name }

    /// `clean.factor=3 (--set)`.
    public var text: String { "\(key)=\(value.displayText) (\(source))" }

    /// `{"stage": "clean" | null, "name": "factor", "value": 3, "source": "--set"}`.
    public var json: JSONValue {
        ["stage": stage.map { .string($0) } ?? .null, "name": .string(name), "value": value, "source": .string(source)]
    }

    /// Reads the form of ``json``.
    public init?(json: JSONValue) {
        guard let name = json["name"]?.stringValue, let value = json["value"], let source = json["source"]?.stringValue
        else { return nil }
        self.init(stage: json["stage"]?.stringValue, name: name, value: value, source: source)
    }

    /// Where overrides come from, weakest first: a later source wins over an earlier one, and within
    /// one source a stage's override wins over a shared one.
    var precedence: Int {
        (source == Self.setSource ? 2 : 0) + (stage == nil ? 0 : 1)
    }

    /// The source of command-line overrides.
    public static let setSource = "--set"
}

extension [ParamOverride] {
    /// The overrides as a JSON array, as versions record them.
    public var json: JSONValue { .array(map(\.json)) }

    /// Reads the JSON array form; nil when it is not one.
    public init?(json: JSONValue) {
        guard case .array(let elements) = json else { return nil }
        var result: [ParamOverride] = []
        for element in elements {
            guard let override = ParamOverride(json: element) else { return nil }
            result.append(override)
        }
        self = result
    }
}
