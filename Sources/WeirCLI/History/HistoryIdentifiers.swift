import Weir

/// How the history commands read the identifiers users type: versions as `v3`, `3` or `head`;
/// runs and sessions by id or unique prefix.
enum HistoryIdentifiers {
    enum Target {
        case version(VersionRecord)
        case run(RunRecord)
    }

    /// The version number in `v3` or `3`; nil for anything else.
    static func versionNumber(_ text: String) -> Int64? {
        let digits = text.hasPrefix("v") || text.hasPrefix("V") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int64(digits)
    }

    /// The version `text` names.
    static func version(_ text: String, in store: StateStore) throws -> VersionRecord {
        if text.lowercased() == "head" {
            guard let head = try store.head() else {
                throw StateRecordNotFoundError(
                    kind: "head version", identifier: text, hint: "No version has been recorded yet; run 'weir run'.")
            }
            return head
        }
        guard let number = versionNumber(text) else {
            throw InvalidIdentifierError(
                kind: "version", identifier: text, reason: "write a version as 'v3', '3' or 'head'")
        }
        guard let version = try store.version(number) else { throw try unknownVersion(text, in: store) }
        return version
    }

    /// The version or run `text` names; digits alone may name either, which is an error when both exist.
    static func versionOrRun(_ text: String, in store: StateStore) throws -> Target {
        let lowered = text.lowercased()
        if lowered == "head" || lowered.hasPrefix("v") { return .version(try version(text, in: store)) }
        let isHex =
            !lowered.isEmpty && lowered.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        guard isHex else {
            throw InvalidIdentifierError(
                kind: "version or run", identifier: text,
                reason: "write a version as 'v3', '3' or 'head', or a run as its id or at least "
                    + "\(StateStore.minimumRunPrefixLength) of its first hexadecimal characters")
        }
        let number = versionNumber(text)
        let version = try number.flatMap { try store.version($0) }
        let run = lowered.utf8.count >= StateStore.minimumRunPrefixLength ? try store.run(text) : nil
        switch (version, run) {
        case (let version?, let run?):
            throw AmbiguousIdentifierError(
                kind: "identifier", prefix: text,
                candidates: ["\(version.name)  (version)", "\(run.id)  (run of stage '\(run.stage)')"],
                fix: "Write '\(version.name)' for the version, or more characters of the run id.")
        case (let version?, nil): return .version(version)
        case (nil, let run?): return .run(run)
        case (nil, nil):
            if number != nil, lowered.utf8.count < StateStore.minimumRunPrefixLength {
                throw try unknownVersion(text, in: store)
            }
            throw StateRecordNotFoundError(
                kind: "version or run", identifier: text,
                hint: "See 'weir versions' for the versions and 'weir show VERSION' for the runs of a version.")
        }
    }

    /// The run `text` names by id or unique prefix.
    static func run(_ text: String, in store: StateStore) throws -> RunRecord {
        guard let run = try store.run(text) else {
            throw StateRecordNotFoundError(
                kind: "run", identifier: text, hint: "See 'weir show VERSION' or 'weir metrics' for the runs.")
        }
        return run
    }

    /// The session `text` names by id or unique prefix.
    static func session(_ text: String, in store: StateStore) throws -> SessionRecord {
        guard let session = try store.session(text) else {
            throw StateRecordNotFoundError(kind: "session", identifier: text, hint: "See 'weir log' for the sessions.")
        }
        return session
    }

    private static func unknownVersion(_ text: String, in store: StateStore) throws -> StateRecordNotFoundError {
        let versions = try store.versions()
        let hint =
            versions.isEmpty
            ? "No version has been recorded yet; run 'weir run'."
            : "The versions are v1 to v\(versions.last!.id); see 'weir versions'."
        return StateRecordNotFoundError(kind: "version", identifier: text, hint: hint)
    }
}
