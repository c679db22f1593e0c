import ArgumentParser
import Foundation
import Weir

/// `weir logs STAGE`: a run's captured output, followed live with `-f`.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs",
        abstract: "Print the output a stage's run captured (its latest run by default).",
        discussion: """
            The command's standard output is printed to standard output and its standard error to standard \
            error. A committed run keeps its logs for as long as the run is kept; a failed run's logs are kept \
            until the stage fails again. An ingest stage has no command output: its batch summary (JSON) is \
            printed instead.

            With -f, follows the run while it goes on and exits when it ends: 0 if it succeeded, 1 if it failed \
            or was interrupted. During a 'weir run' that has not reached the stage yet, waits for the stage to start.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The stage whose run's output to print.")
    var stage: String

    @Option(
        name: .customLong("run"),
        help: ArgumentHelp("This run of the stage (id or unique prefix) instead of the latest.", valueName: "run"))
    var runID: String?

    @Flag(name: [.customShort("f"), .customLong("follow")], help: "Follow a running run's output until it ends.")
    var follow = false

    static let pollInterval: TimeInterval = 0.1

    func run() throws {
        let location = try project.locate()
        guard let store = try StateStore.openForFollowing(location) else {
            throw NoRunToShowError(stage: stage, reason: .noState(root: location.root))
        }
        var record = try chooseRun(store, location: location)
        guard follow, record.status == .running, try isLive(record, store) else {
            try printOnce(record, store: store, location: location)
            return
        }
        // Open the files while the run goes on; they stay readable when its folder is renamed.
        var tails: (LogTail, LogTail)?
        var lastVersion: Int64?
        while true {
            if tails == nil, let logs = try locate(record, store: store, location: location),
                let output = LogTail(path: logs.stdoutPath), let errors = LogTail(path: logs.stderrPath)
            {
                tails = (output, errors)
            }
            if let tails { copy(tails.0, tails.1) }
            let version = try store.dataVersion()
            if version != lastVersion {
                lastVersion = version
                record = try store.run(record.id) ?? record
            }
            if record.status != .running { break }
            if try !isLive(record, store) { break }
            Thread.sleep(forTimeInterval: Self.pollInterval)
        }
        if let tails {
            copy(tails.0, tails.1)
        } else {
            try printOnce(record, store: store, location: location)
        }
        if record.status != .succeeded { throw ExitCode(1) }
    }

    /// `--run`, else (following a live session) the stage's run in it, else the stage's latest run.
    private func chooseRun(_ store: StateStore, location: ProjectLocation) throws -> RunRecord {
        if let runID {
            let record = try HistoryIdentifiers.run(runID, in: store)
            guard record.stage == stage else {
                throw NoRunToShowError(stage: stage, reason: .otherStage(run: record.id, stage: record.stage))
            }
            return record
        }
        if follow, let live = try SessionFollower.defaultSession(in: store), live.status == .running,
            SessionFollower.isAlive(live) != false
        {
            var current = live
            while current.status == .running, SessionFollower.isAlive(current) != false {
                if let record = try store.runs(session: live.id, stage: stage).last { return record }
                Thread.sleep(forTimeInterval: Self.pollInterval)
                current = try store.session(live.id) ?? current
            }
            // The session ended without running the stage: show its latest run, as without -f.
        }
        guard let latest = try store.runs(stage: stage, limit: 1).first else {
            let known = (try? Project(location: location))?.pipeline.stageNames
            if let known, !known.contains(stage) {
                throw NoRunToShowError(stage: stage, reason: .unknownStage(known: known))
            }
            throw NoRunToShowError(stage: stage, reason: .neverRan)
        }
        return latest
    }

    /// Whether the session that runs `record` is still going.
    private func isLive(_ record: RunRecord, _ store: StateStore) throws -> Bool {
        guard let session = try store.session(record.session) else { return false }
        return session.status == .running && SessionFollower.isAlive(session) != false
    }

    private func locate(_ record: RunRecord, store: StateStore, location: ProjectLocation) throws -> RunLogs? {
        var latestFailed = false
        if record.status == .failed {
            latestFailed =
                try store.runs(stage: record.stage, limit: nil).first { $0.status == .failed }?.id == record.id
        }
        return RunLogs.locate(record, project: location, latestFailed: latestFailed)
    }

    /// Prints what the run's log files hold now.
    private func printOnce(_ record: RunRecord, store: StateStore, location: ProjectLocation) throws {
        guard let logs = try locate(record, store: store, location: location) else {
            throw NoRunToShowError(stage: stage, reason: .logsGone(run: record.id, status: record.status))
        }
        let output = LogTail(path: logs.stdoutPath)
        let errors = LogTail(path: logs.stderrPath)
        if output == nil, errors == nil, let summary = LogTail(path: logs.ingestSummaryPath) {
            FileHandle.standardOutput.write(Data(summary.readNew() + [0x0A]))
            return
        }
        if let output { FileHandle.standardOutput.write(Data(output.readNew())) }
        if let errors { FileHandle.standardError.write(Data(errors.readNew())) }
    }

    private func copy(_ output: LogTail, _ errors: LogTail) {
        let out = output.readNew()
        if !out.isEmpty { FileHandle.standardOutput.write(Data(out)) }
        let err = errors.readNew()
        if !err.isEmpty { FileHandle.standardError.write(Data(err)) }
    }
}

/// `weir logs` found no run, or no logs, to print.
struct NoRunToShowError: UserFacingError {
    enum Reason {
        case noState(root: String)
        case unknownStage(known: [String])
        case neverRan
        case otherStage(run: String, stage: String)
        case logsGone(run: String, status: RunStatus)
    }

    let stage: String
    let reason: Reason
    var exitStatus: Int32 { 1 }
    var description: String {
        switch reason {
        case .noState(let root):
            return "Stage '\(stage)' has no runs: the project at '\(root)' has no state yet. Run 'weir run' first."
        case .unknownStage(let known):
            let list =
                known.isEmpty ? "it has no stages" : "its stages are " + known.map { "'\($0)'" }.joined(separator: ", ")
            return "There is no stage '\(stage)' in weir.yaml and no run of it is recorded; \(list)."
        case .neverRan:
            return "Stage '\(stage)' has not run yet. Run 'weir run \(stage)' first."
        case .otherStage(let run, let other):
            return "Run \(HistoryFormat.shortRun(run)) is a run of stage '\(other)', not of '\(stage)'. "
                + "Run 'weir logs \(other) --run \(HistoryFormat.shortRun(run))', or see 'weir show' for the runs."
        case .logsGone(let run, let status):
            let why =
                status == .failed
                ? "only the latest failed run of a stage keeps its logs (in '.weir/failed/\(stage)/')"
                : "its folder was removed (weir gc removes runs no kept version references)"
            return "The logs of run \(HistoryFormat.shortRun(run)) of stage '\(stage)' are gone: \(why)."
        }
    }
}
