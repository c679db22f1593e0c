import Foundation

/// Follows one session in the state store from another process: its events and progress records
/// as they are committed, and how it ends.
///
/// It only reads, through a store opened with ``StateStore/openForFollowing(_:)``: it never takes
/// the project lock and never makes a writer wait. Between two polls it asks SQLite whether anything
/// was committed at all (`PRAGMA data_version`), and reads the tables only when something was.
public final class SessionFollower {
    /// What a poll found.
    public struct Update: Sendable {
        public var events: [EventRecord] = []
        public var progress: [ProgressRecord] = []
        /// Set when the session has ended (or its process is gone).
        public var ending: Ending?

        public var isEmpty: Bool { events.isEmpty && progress.isEmpty && ending == nil }
    }

    /// How a followed session ended.
    public struct Ending: Sendable, Hashable {
        public var session: SessionRecord
        /// `interrupted` for a session whose process is gone while it was still marked running.
        public var status: SessionStatus
        /// The session was still marked running, but its process no longer exists on this host.
        public var processGone: Bool

        /// 0 when the session succeeded, 1 when it failed or was interrupted.
        public var exitStatus: Int32 { status == .succeeded ? 0 : 1 }
    }

    public let store: StateStore
    public private(set) var session: SessionRecord
    private var lastEvent: Int64 = 0
    private var lastProgress: Int64 = 0
    private var lastDataVersion: Int64?
    private var lastLivenessCheck = Date.distantPast
    /// How often a running session's process is looked for when nothing was committed.
    private let livenessInterval: TimeInterval = 1

    public init(store: StateStore, session: SessionRecord) {
        self.store = store
        self.session = session
    }

    /// The session `weir watch` follows without `--session`: the newest running session whose
    /// process is alive (or runs on another host), else the newest session; nil when there is none.
    public static func defaultSession(in store: StateStore) throws -> SessionRecord? {
        for session in try store.runningSessions() where isAlive(session) != false { return session }
        return try store.sessions(limit: 1).first
    }

    /// Whether a session's process exists; nil when it ran on another host, where it cannot be told.
    public static func isAlive(_ session: SessionRecord) -> Bool? {
        guard session.host == ProcessIdentity.host else { return nil }
        return ProcessIdentity.isAlive(session.pid)
    }

    /// Everything recorded since the last poll (everything so far, the first time).
    ///
    /// - Returns: an empty update when nothing was committed since the last poll and the session's
    ///   process still runs.
    public func poll() throws -> Update {
        let version = try store.dataVersion()
        if version == lastDataVersion {
            return try livenessUpdate()
        }
        lastDataVersion = version
        // The session first: events committed before it ended are then certain to be read below.
        if let current = try store.session(session.id) { session = current }
        var update = try newRecords()
        if session.status != .running {
            update.ending = Ending(session: session, status: session.status, processGone: false)
        } else if let gone = try livenessUpdate().ending {
            update.ending = gone
        }
        return update
    }

    /// The events and progress records committed since the last read.
    private func newRecords() throws -> Update {
        var update = Update()
        update.events = try store.events(session: session.id, after: lastEvent)
        update.progress = try store.progress(session: session.id, after: lastProgress)
        if let last = update.events.last?.id { lastEvent = last }
        if let last = update.progress.last?.id { lastProgress = last }
        return update
    }

    /// An ending when the session is still marked running but its process is gone (checked at most
    /// every ``livenessInterval``); the session is read once more first, as it may have just ended.
    private func livenessUpdate() throws -> Update {
        guard session.status == .running, Date().timeIntervalSince(lastLivenessCheck) >= livenessInterval else {
            return Update()
        }
        lastLivenessCheck = Date()
        guard Self.isAlive(session) == false else { return Update() }
        lastDataVersion = nil
        if let current = try store.session(session.id), current.status != .running {
            session = current
            var update = try newRecords()
            update.ending = Ending(session: session, status: session.status, processGone: false)
            return update
        }
        return Update(ending: Ending(session: session, status: .interrupted, processGone: true))
    }
}
