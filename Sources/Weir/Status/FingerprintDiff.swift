/// The reasons a stage's fingerprint differs from the one of its reference run.
enum FingerprintDiff {
    /// Compares two fingerprint documents; `pendingUpstream` stages have no output hash yet and are
    /// reported as changed.
    static func reasons(
        from old: JSONValue, to new: JSONValue, pendingUpstream: Set<String>
    ) -> [StageReason] {
        var reasons: [StageReason] = []
        if old["cmd"] != new["cmd"] || old["kind"] != new["kind"] || old["weir_format"] != new["weir_format"] {
            let options =
                old["kind"] == new["kind"] && old["weir_format"] == new["weir_format"]
                ? optionChanges(old["cmd"]?.stringValue, new["cmd"]?.stringValue) : []
            reasons += options.isEmpty ? [.commandChanged] : options
        }
        if old["out"] != new["out"] { reasons.append(.missingOutput) }

        let oldParams = old["params"]?.objectValue ?? [:]
        let newParams = new["params"]?.objectValue ?? [:]
        for name in Set(oldParams.keys).union(newParams.keys).sorted() where oldParams[name] != newParams[name] {
            reasons.append(.paramChanged(name: name, old: oldParams[name], new: newParams[name]))
        }

        let oldDeps = old["deps"]?.objectValue ?? [:]
        let newDeps = new["deps"]?.objectValue ?? [:]
        var inputs: [String] = []
        var upstream: Set<String> = pendingUpstream
        for name in Set(oldDeps.keys).union(newDeps.keys).sorted() {
            let before = oldDeps[name]
            let after = newDeps[name]
            if let stage = after?["stage"]?.stringValue {
                if pendingUpstream.contains(stage) { continue }
                if before != after { upstream.insert(stage) }
            } else if let path = after?["path"]?.stringValue {
                if before != after { inputs.append(path) }
            } else if let stage = before?["stage"]?.stringValue {
                upstream.insert(stage)
            } else if let path = before?["path"]?.stringValue {
                inputs.append(path)
            }
        }
        reasons += Set(inputs).sorted().map { .inputChanged(path: $0) }
        reasons += upstream.sorted().map { .upstreamChanged(stage: $0) }
        return reasons
    }

    /// The options that differ between two built-in stages' canonical commands (`ingest {…}`),
    /// nested ones named `csv.delimiter`; empty when the commands are not both such documents.
    static func optionChanges(_ old: String?, _ new: String?) -> [StageReason] {
        func document(_ command: String?) -> [String: JSONValue]? {
            guard let command, let space = command.firstIndex(of: " "),
                let value = try? JSONValue.parse(String(command[command.index(after: space)...]))
            else { return nil }
            return value.objectValue
        }
        guard let old, let new, old.prefix(while: { $0 != " " }) == new.prefix(while: { $0 != " " }),
            let before = document(old), let after = document(new)
        else { return [] }
        var changes: [StageReason] = []
        func compare(_ before: [String: JSONValue], _ after: [String: JSONValue], prefix: String) {
            for key in Set(before.keys).union(after.keys).sorted() where before[key] != after[key] {
                if let inner = before[key]?.objectValue, let outer = after[key]?.objectValue, prefix.isEmpty,
                    key == "csv"
                {
                    compare(inner, outer, prefix: key + ".")
                } else {
                    changes.append(.optionChanged(name: prefix + key, old: before[key], new: after[key]))
                }
            }
        }
        compare(before, after, prefix: "")
        return changes
    }
}
