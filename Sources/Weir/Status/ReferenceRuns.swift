import Foundation

/// Finds, for each stage, the run that "what changed" is measured against: the run the head version
/// holds for it, else the run its output links to, else its latest succeeded run.
package struct ReferenceRuns {
    let runs: RunStore
    let store: StateStore?
    let head: VersionRecord?
    /// The latest version holding each (stage, run).
    private var versionOf: [String: [String: Int64]] = [:]

    package init(runs: RunStore, store: StateStore?) throws {
        self.runs = runs
        self.store = store
        let versions = try store?.versions() ?? []
        self.head = try store?.head()
        for version in versions {
            for (stage, run) in version.stages { versionOf[stage, default: [:]][run] = version.id }
        }
    }

    /// The latest version that holds `run` for `stage`.
    package func version(holding run: String, stage: String) -> Int64? {
        versionOf[stage]?[run]
    }

    /// The fingerprint document of the reference run of `stage`, or nil when the stage never ran.
    package func document(stage: String, linkedRun: String?) throws -> JSONValue? {
        var candidates: [String] = []
        if let run = head?.stages[stage] { candidates.append(run) }
        if let linkedRun { candidates.append(linkedRun) }
        for run in candidates {
            if let document = try document(run: run) { return document }
        }
        if let latest = try store?.runs(stage: stage, limit: 20).first(where: { $0.status == .succeeded }) {
            return try? JSONValue.parse(latest.fingerprintJSON)
        }
        return nil
    }

    /// The fingerprint of one run, from the store or else from its `_SUCCESS` record (which lists every
    /// output file, so it is read only when the store does not know the run).
    package func document(run: String) throws -> JSONValue? {
        if let record = try store?.run(run), record.id == run,
            let document = try? JSONValue.parse(record.fingerprintJSON)
        {
            return document
        }
        if runs.isCommitted(run), let record = try? runs.record(run) { return record.fingerprint }
        return nil
    }

    /// The output hash of a committed run, from the store or else from its `_SUCCESS` record.
    package func outputHash(run: String) -> String? {
        guard runs.isCommitted(run) else { return nil }
        if let record = try? store?.run(run), record.id == run, record.status == .succeeded,
            let hash = record.outputHash
        {
            return hash
        }
        return try? runs.record(run).outputHash
    }
}
