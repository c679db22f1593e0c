/// One thing `weir verify` found wrong.
public struct VerifyProblem: Sendable, Hashable {
    public var run: String?
    public var stage: String?
    /// A file relative to the run's output, when the problem is about one file.
    public var path: String?
    public var message: String
}

/// What `weir verify` checked and found.
public struct VerifyReport: Sendable, Hashable {
    public var runsChecked: Int
    public var filesChecked: Int
    public var problems: [VerifyProblem]
    public var ok: Bool { problems.isEmpty }
}

extension Project {
    /// Re-hashes committed runs against their `_SUCCESS` records and checks the output links.
    ///
    /// Every run the head version holds (or, with `all`, every committed run) is checked: each file's
    /// size and SHA-256, files present but not recorded, the output hash, and that the run id is the
    /// hash of the recorded fingerprint. Every output link must point at a committed run.
    public func verify(all: Bool) throws -> VerifyReport {
        let store = try StateStore.openReadOnly(location)
        let runs = self.runs
        var problems: [VerifyProblem] = []
        var toCheck: [String: String?] = [:]
        if all {
            for run in runs.committedRunIDs() { toCheck[run] = .some(nil) }
        }
        if let head = try store?.head() {
            for (stage, run) in head.stages where pipeline.stage(named: stage) != nil {
                toCheck[run] = stage
                if !runs.isCommitted(run) {
                    problems.append(
                        VerifyProblem(
                            run: run, stage: stage, path: nil,
                            message:
                                "The head version's run \(run.prefix(12)) of stage '\(stage)' is missing from '.weir/runs'."
                        ))
                }
            }
        }
        for stage in pipeline.stages {
            switch OutputLink(project: location, path: stage.out).state() {
            case .run(let run):
                if runs.isCommitted(run) {
                    if toCheck[run] == nil { toCheck[run] = stage.name }
                } else {
                    problems.append(
                        VerifyProblem(
                            run: run, stage: stage.name, path: nil,
                            message:
                                "The output '\(stage.out)' of stage '\(stage.name)' points at run \(run.prefix(12)), which is not committed."
                        ))
                }
            case .foreign(let what):
                problems.append(
                    VerifyProblem(
                        run: nil, stage: stage.name, path: nil,
                        message: "The output '\(stage.out)' of stage '\(stage.name)' is \(what), not a link to a run."))
            case .missing:
                continue
            }
        }
        var filesChecked = 0
        for run in toCheck.keys.sorted() where runs.isCommitted(run) {
            let found = RunVerifier(runs: runs).check(run)
            filesChecked += found.files
            problems += found.problems
        }
        return VerifyReport(runsChecked: toCheck.count, filesChecked: filesChecked, problems: problems)
    }
}

/// Checks one committed run against its `_SUCCESS` record.
struct RunVerifier {
    let runs: RunStore

    func check(_ run: String) -> (files: Int, problems: [VerifyProblem]) {
        let record: SuccessRecord
        do {
            record = try runs.record(run)
        } catch {
            return (0, [VerifyProblem(run: run, stage: nil, path: "_SUCCESS", message: error.description)])
        }
        var problems: [VerifyProblem] = []
        func problem(_ path: String?, _ message: String) {
            problems.append(VerifyProblem(run: run, stage: record.stage, path: path, message: message))
        }
        if record.runID != run {
            problem("_SUCCESS", "The record names run \(record.runID.prefix(12)), not its folder's.")
        }
        if let fingerprint = try? StageFingerprint(document: record.fingerprint), fingerprint.runID != run {
            problem(
                "_SUCCESS", "The recorded fingerprint hashes to \(fingerprint.runID.prefix(12)), not to the run id.")
        }
        let manifest: (hash: String, leaves: [TreeHasher.Leaf])
        do {
            manifest = try TreeHasher(cache: nil).manifest(ofFolder: runs.outputFolder(run))
        } catch {
            problem(nil, error.description)
            return (0, problems)
        }
        let found = Dictionary(manifest.leaves.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let expected = Dictionary(record.files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        for file in record.files {
            guard let leaf = found[file.path] else {
                problem(file.path, "'\(file.path)' is missing.")
                continue
            }
            if leaf.linkTarget != file.link {
                problem(file.path, "'\(file.path)' is a different kind of entry than recorded.")
            } else if leaf.size != file.size {
                problem(file.path, "'\(file.path)' has \(leaf.size) bytes; the record says \(file.size).")
            } else if leaf.sha256 != file.sha256 {
                problem(
                    file.path,
                    "'\(file.path)' has changed: its SHA-256 is \(leaf.sha256.prefix(12)), the record says \(file.sha256.prefix(12))."
                )
            }
        }
        for leaf in manifest.leaves where expected[leaf.path] == nil {
            problem(leaf.path, "'\(leaf.path)' is not in the record.")
        }
        if problems.isEmpty && manifest.hash != record.outputHash {
            problem(
                nil, "The output hash is \(manifest.hash.prefix(12)); the record says \(record.outputHash.prefix(12)).")
        }
        // An ingest stage's output is a dataset: its parts must also agree with its manifest.
        let output = runs.outputFolder(run)
        if Dataset.isDataset(output) {
            do {
                for found in try Dataset(path: output).verify().problems {
                    problem(found.path, "Dataset: " + found.message)
                }
            } catch {
                problem("_manifest/manifest.parquet", "Dataset: the manifest cannot be read: \(error)")
            }
        }
        return (manifest.leaves.count, problems)
    }
}
