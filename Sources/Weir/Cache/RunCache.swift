import Foundation

/// A check-and-load cache for a Swift program's own computations.
///
/// A configuration value (any `Encodable`, or a ``JSONValue``) names a run: its id is the SHA-256
/// of the canonical JSON of `{"config": …, "kind": "cache", "name": …, "weir_format": 1}`. If a run
/// with that id is committed, its artifacts are loaded; otherwise the computation writes them into a
/// fresh folder, which is committed atomically with a `_SUCCESS` record.
///
/// ```swift
/// let cache = try RunCache(project: ProjectLocation(root: "/path/to/project"))
/// let run = try cache.loadOrCompute(config, name: "preprocess") { folder in
///     try fitted.write(to: folder.appendingPathComponent("pipelines.json"))
/// }
/// let pipelines = try Data(contentsOf: run.folder.appendingPathComponent("pipelines.json"))
/// ```
public struct RunCache: Sendable {
    let runs: RunStore
    let project: ProjectLocation?

    /// A cache keeping its runs in `directory` (created when needed), with no state store.
    public init(directory: String) {
        self.runs = RunStore(directory: URL(fileURLWithPath: directory).standardizedFileURL.path)
        self.project = nil
    }

    /// A cache keeping its runs with the project's (`.weir/runs`) and recording computed runs in its
    /// state store, where `weir log`, `weir show` and `weir metrics` see them.
    public init(project: ProjectLocation) {
        self.runs = RunStore(project: project)
        self.project = project
    }

    /// The fingerprint document of `configuration` under `name`.
    ///
    /// - Throws: when the value cannot be encoded, or holds NaN or an infinity (nothing is silently dropped).
    public func fingerprint(for configuration: some Encodable, name: String) throws -> StageFingerprint {
        let config = try JSONValue(encoding: configuration)
        return try StageFingerprint(document: [
            "weir_format": .int(StageFingerprint.format), "kind": "cache", "name": .string(name), "config": config,
        ])
    }

    /// The run id `configuration` names: the same value always gives the same id, on any machine.
    public func runID(for configuration: some Encodable, name: String = "cache") throws -> String {
        try fingerprint(for: configuration, name: name).runID
    }

    /// The committed run of `configuration`, if there is one.
    public func load(_ configuration: some Encodable, name: String = "cache") throws -> CachedRun? {
        let runID = try runID(for: configuration, name: name)
        guard runs.isCommitted(runID) else { return nil }
        return CachedRun(
            runID: runID, folder: URL(fileURLWithPath: runs.outputFolder(runID)), loaded: true,
            record: try runs.record(runID))
    }

    /// Loads the committed run of `configuration`, or computes, commits and records it.
    ///
    /// - Parameter compute: writes the artifacts into the folder it is given (empty, temporary until
    ///   committed). If it throws, nothing is committed and the error is rethrown.
    /// - Returns: the run, with `loaded` telling whether it was found rather than computed.
    public func loadOrCompute(
        _ configuration: some Encodable, name: String = "cache", compute: (URL) throws -> Void
    ) throws -> CachedRun {
        let fingerprint = try fingerprint(for: configuration, name: name)
        if let existing = try load(configuration, name: name) { return existing }
        let startedAt = Date()
        let clock = ChildProcess.monotonicSeconds()
        let pending = try runs.begin(fingerprint.runID)
        do {
            try compute(URL(fileURLWithPath: pending.outputFolder, isDirectory: true))
        } catch {
            runs.discard(pending)
            throw error
        }
        let manifest: (hash: String, leaves: [TreeHasher.Leaf])
        do {
            manifest = try TreeHasher(cache: nil).manifest(ofFolder: pending.outputFolder)
        } catch {
            runs.discard(pending)
            throw error
        }
        let record = SuccessRecord(
            runID: fingerprint.runID, stage: name, fingerprint: fingerprint.document, outputHash: manifest.hash,
            files: manifest.leaves.map { .init(path: $0.path, size: $0.size, sha256: $0.sha256, link: $0.linkTarget) },
            startedAt: startedAt, finishedAt: Date(), wallSeconds: ChildProcess.monotonicSeconds() - clock,
            cpuSeconds: nil, peakMemoryBytes: nil)
        let outcome = try runs.commit(pending, record: record)
        let committed = outcome == .alreadyPresent ? try runs.record(fingerprint.runID) : record
        if outcome != .alreadyPresent, let project { try self.record(committed, fingerprint: fingerprint, in: project) }
        return CachedRun(
            runID: fingerprint.runID, folder: URL(fileURLWithPath: runs.outputFolder(fingerprint.runID)), loaded: false,
            record: committed)
    }

    private func record(_ record: SuccessRecord, fingerprint: StageFingerprint, in project: ProjectLocation) throws {
        let store = try StateStore.open(project)
        let session = try store.beginSession(command: "cache", arguments: [record.stage])
        try store.recordRun(
            RunRecord(
                id: record.runID, stage: record.stage, fingerprintJSON: fingerprint.canonicalJSON, session: session.id,
                status: .succeeded, reasonsJSON: "[]", startedAt: record.startedAt, finishedAt: record.finishedAt,
                exitCode: 0, outputHash: record.outputHash, outputBytes: record.outputBytes,
                outputFiles: Int64(record.outputFiles), wallSeconds: record.wallSeconds))
        try store.recordMetric(
            MetricRecord(
                session: session.id, stage: record.stage, run: record.runID, name: "wall_time",
                value: record.wallSeconds, unit: "s"))
        try store.recordMetric(
            MetricRecord(
                session: session.id, stage: record.stage, run: record.runID, name: "output_bytes",
                value: Double(record.outputBytes), unit: "bytes"))
        try store.endSession(
            session.id, status: .succeeded, summary: "computed \(record.stage) run \(record.runID.prefix(12))")
    }
}

/// A committed run of the check-and-load cache.
public struct CachedRun: Sendable, Hashable {
    public let runID: String
    /// The folder holding the artifacts (read them; never modify them).
    public let folder: URL
    /// True when the run was found committed, false when it was just computed.
    public let loaded: Bool
    /// The run's `_SUCCESS` record: its fingerprint, files with sizes and hashes, timings.
    public let record: SuccessRecord
}
