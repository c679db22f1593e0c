/// The canonical document of everything that determines a stage's output, and the run id it names.
///
/// ```json
/// {"cmd": "…", "deps": {"raw": {"hash": "…", "path": "data/raw"}, "clean": {"output_hash": "…", "stage": "clean"}},
///  "kind": "command", "out": "build/clean", "params": {"factor": 2}, "weir_format": 1}
/// ```
/// Paths are project-relative; the run id is the hex SHA-256 of the canonical bytes.
public struct StageFingerprint: Sendable, Hashable {
    /// Bumped whenever the meaning of a fingerprint or the layout of a run changes.
    public static let format: Int64 = 1

    public let document: JSONValue
    public let runID: String
    /// The canonical JSON text.
    public let canonicalJSON: String

    /// The fingerprint of `stage` given the hashes of its path deps and its upstream stages' outputs.
    ///
    /// - Parameters:
    ///   - inputHashes: content hash by project path, for every path dep.
    ///   - upstreamOutputs: output hash by stage name, for every stage dep.
    /// - Throws: ``CanonicalJSONError`` when a param has no deterministic form.
    package init(
        stage: StageDefinition, inputHashes: [String: String], upstreamOutputs: [String: String]
    ) throws(CanonicalJSONError) {
        var deps: [String: JSONValue] = [:]
        for dep in stage.deps {
            switch dep.target {
            case .path(let path):
                deps[dep.name] = ["path": .string(path), "hash": .string(inputHashes[path] ?? "")]
            case .stage(let name):
                deps[dep.name] = ["stage": .string(name), "output_hash": .string(upstreamOutputs[name] ?? "")]
            }
        }
        let document: JSONValue = [
            "weir_format": .int(Self.format),
            "kind": .string(stage.kind.rawValue),
            "cmd": .string(stage.command),
            "params": .object(stage.params),
            "deps": .object(deps),
            "out": .string(stage.out),
        ]
        try self.init(document: document)
    }

    /// The fingerprint of any document (the check-and-load cache hashes its own configuration documents).
    public init(document: JSONValue) throws(CanonicalJSONError) {
        let bytes = try document.canonicalBytes()
        self.document = document
        self.canonicalJSON = String(decoding: bytes, as: UTF8.self)
        self.runID = Digest.sha256Hex(bytes)
    }
}
