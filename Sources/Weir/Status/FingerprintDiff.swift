/// The reasons a stage's fingerprint differs from the one of its reference run.
enum FingerprintDiff {
    /// Compares two fingerprint documents; `pendingUpstream` stages have no output hash yet and are
    /// reported as changed.
    static func reasons(
        from old: JSONValue, to new: JSONValue, pendingUpstream: Set<String>
    ) -> [StageReason] {
        var reasons: [StageReason] = []
        if old["cmd"] != new["cmd"] || old["kind"] != new["kind"] || old["weir_format"] != new["weir_format"] {
            reasons.append(.commandChanged)
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
}
