/// Points every stage's output at the run a version holds for it, and makes that version the head.
public struct CheckoutReport: Sendable, Hashable {
    public var version: VersionRecord
    /// Stage → run now linked.
    public var linked: [String: String]
    /// Stages of the pipeline that the version does not hold; their links were left as they were.
    public var notInVersion: [String]
}

extension Project {
    /// Checks out version `id`: swaps the output links to its runs (instantly: runs are immutable)
    /// and sets the head. Nothing changes unless every run of the version is still committed.
    ///
    /// - Throws: ``RunOptionsError`` for an unknown version, ``RunStoreError/runMissing(runID:stage:)``
    ///   when a run of the version was garbage-collected.
    public func checkout(_ id: Int64) throws -> CheckoutReport {
        let store = try StateStore.open(location)
        guard let version = try store.version(id) else {
            throw RunOptionsError(message: "There is no version v\(id). Run 'weir versions' to list the versions.")
        }
        let runs = self.runs
        var linked: [String: String] = [:]
        var missing: [String] = []
        for stage in pipeline.stages {
            guard let run = version.stages[stage.name] else {
                missing.append(stage.name)
                continue
            }
            guard runs.isCommitted(run) else { throw RunStoreError.runMissing(runID: run, stage: stage.name) }
            linked[stage.name] = run
        }
        let session = try store.beginSession(command: "checkout", arguments: ["v\(id)"])
        do {
            for stage in pipeline.stages {
                guard let run = linked[stage.name] else { continue }
                try OutputLink(project: location, path: stage.out).point(to: run, stage: stage.name)
            }
            try store.setHead(id)
        } catch {
            try? store.endSession(session.id, status: .failed, summary: "\(error)")
            throw error
        }
        try store.recordEvent(
            EventRecord(
                session: session.id, level: .info, stage: nil, kind: "checkout",
                message: "Checked out v\(id): \(linked.count) stage output(s) linked."))
        try store.endSession(session.id, status: .succeeded, summary: "checked out v\(id)")
        return CheckoutReport(version: version, linked: linked, notInVersion: missing)
    }
}
