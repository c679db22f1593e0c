import Dispatch
import Foundation
import Synchronization

/// Collects the progress of a session's running stages and records it a few times a second.
///
/// Reporting (``update(stage:done:total:unit:)``, ``line(stage:_:)``) only stores the latest value
/// under a lock; a background thread wakes every ``interval`` seconds and hands the records that
/// changed to the ``StoreWriter``, which writes them in one transaction. So a stage reporting every
/// file or every output line costs a lock and a dictionary store, and the store sees at most one
/// record per stage per interval.
///
/// Command stages report their elapsed time in whole seconds (unit `seconds`) with their latest
/// output line as the message; ingest stages report files done of the files to stage. The session
/// as a whole (no stage) reports stages finished of the stages selected.
package final class ProgressReporter: Sendable {
    /// Seconds between two writes: at most four records a second per stage.
    package static let interval = 0.25
    /// Output lines are cut to this many characters in the record.
    package static let maximumLineLength = 240

    private struct Entry {
        var done: Int64 = 0
        var total: Int64?
        var unit: String
        var message: String?
        /// For command stages: the done count is the seconds since this monotonic time.
        var clockStart: Double?
        var changed = true
        /// What was last written, to skip unchanged records.
        var written: (done: Int64, message: String?)?
    }

    private struct State {
        var entries: [String?: Entry] = [:]
        var closing = false
        var closed = false
    }

    private let session: String
    private let writer: StoreWriter
    private let state = Mutex<State>(State())
    private let stop = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    init(session: String, writer: StoreWriter) {
        self.session = session
        self.writer = writer
        Thread.detachNewThread { [self] in
            while stop.wait(timeout: .now() + Self.interval) == .timedOut { flush() }
            stopped.signal()
        }
    }

    /// Starts reporting a command stage: elapsed seconds, and its latest output line.
    package func beginCommand(stage: String) {
        set(stage) { $0 = Entry(unit: "seconds", clockStart: ChildProcess.monotonicSeconds()) }
    }

    /// Sets how far a stage (or, with a nil stage, the session) has got.
    package func update(stage: String?, done: Int64, total: Int64?, unit: String) {
        set(stage) { entry in
            if entry.unit != unit || entry.done != done || entry.total != total {
                entry.unit = unit
                entry.done = done
                entry.total = total
                entry.changed = true
            }
        }
    }

    /// Takes a stage's latest non-empty output line.
    package func line(stage: String, _ text: String) {
        set(stage) { entry in
            entry.message = text
            entry.changed = true
        }
    }

    /// Records a stage's last state now (its final elapsed time or count) unless the last record
    /// already says it, and stops following it.
    package func finish(stage: String?) {
        let last = state.withLock { state -> ProgressRecord? in
            guard !state.closed, var entry = state.entries.removeValue(forKey: stage) else { return nil }
            // Forced only for a stage that never got a record; otherwise only a change is written.
            return self.record(stage, &entry, force: entry.written == nil)
        }
        if let last { writer.write { try $0.recordProgress([last]) } }
    }

    /// Writes what changed since the last write, and stops the background thread; later reports are
    /// ignored. Closing again does nothing.
    func close() {
        let first = state.withLock { state -> Bool in
            defer { state.closing = true }
            return !state.closing
        }
        guard first else { return }
        stop.signal()
        stopped.wait()
        flush()
        state.withLock { $0.closed = true }
    }

    private func set(_ stage: String?, _ body: (inout Entry) -> Void) {
        state.withLock { state in
            guard !state.closed else { return }
            body(&state.entries[stage, default: Entry(unit: "")])
        }
    }

    /// Hands the changed records to the writer.
    private func flush() {
        let records = state.withLock { state -> [ProgressRecord] in
            guard !state.closed else { return [] }
            var records: [ProgressRecord] = []
            for key in state.entries.keys {
                if let record = record(key, &state.entries[key]!, force: false) { records.append(record) }
            }
            return records
        }
        if !records.isEmpty { writer.write { try $0.recordProgress(records) } }
    }

    /// The record of `entry` if it differs from the last one written (or `force`), marking it written.
    private func record(_ stage: String?, _ entry: inout Entry, force: Bool) -> ProgressRecord? {
        if let start = entry.clockStart {
            let seconds = Int64(max(0, ChildProcess.monotonicSeconds() - start))
            if seconds != entry.done {
                entry.done = seconds
                entry.changed = true
            }
        }
        guard entry.changed || force, !entry.unit.isEmpty else { return nil }
        if !force, let written = entry.written, written.done == entry.done, written.message == entry.message {
            entry.changed = false
            return nil
        }
        entry.changed = false
        entry.written = (entry.done, entry.message)
        return ProgressRecord(
            session: session, stage: stage, done: entry.done, total: entry.total, unit: entry.unit,
            message: entry.message)
    }
}
