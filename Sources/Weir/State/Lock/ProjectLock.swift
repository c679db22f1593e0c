import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The project lock that state-changing commands hold while they run.
///
/// With the SQLite store it is an exclusive `flock(2)` on `.weir/lock`, so the kernel releases it
/// when the holder exits, however it exits. The holder writes its pid, host, command and start time
/// into the file so that others can name it; a clean release empties the file. Finding a holder's
/// record in a file whose lock was free therefore means that holder died: ``recoveredFrom`` reports it.
///
/// With a PostgreSQL store it is a session advisory lock on the process's connection to the server
/// (``PostgresProjectLock``), so two machines sharing the project never run it at once; the server
/// releases it when the holder's session ends, however it ends, and the holder's record lives in
/// the table `project_lock` with the same meaning as the lock file's.
public final class ProjectLock: Sendable {
    /// This process's record in the lock file (or table).
    public let holder: LockHolder
    /// The record of a holder that died without releasing the lock, which this lock took over.
    public let recoveredFrom: LockHolder?
    /// The open lock file while held; nil once released or when the lock is PostgreSQL's.
    private let descriptor: Mutex<Int32?>
    /// The advisory lock while held, for a PostgreSQL store.
    private let advisory: PostgresProjectLock?

    private init(descriptor: Int32, holder: LockHolder, recoveredFrom: LockHolder?) {
        self.descriptor = Mutex(descriptor)
        self.advisory = nil
        self.holder = holder
        self.recoveredFrom = recoveredFrom
    }

    private init(advisory: PostgresProjectLock, holder: LockHolder, recoveredFrom: LockHolder?) {
        self.descriptor = Mutex(nil)
        self.advisory = advisory
        self.holder = holder
        self.recoveredFrom = recoveredFrom
    }

    deinit { release() }

    /// Takes the lock of `project`.
    ///
    /// - Parameters:
    ///   - command: The command shown to others who find the project locked, e.g. `weir run`.
    ///   - wait: Whether to wait for the current holder to finish instead of failing at once.
    ///   - timeout: The longest wait in seconds; nil waits as long as it takes.
    /// - Throws: ``LockHeldError`` naming the holder when the lock is held and `wait` is false or the
    ///   timeout passed; ``LockFileError`` when the lock file cannot be opened; the store's errors
    ///   when its PostgreSQL server cannot be reached.
    public static func acquire(
        _ project: ProjectLocation, command: String, wait: Bool, timeout: Double? = nil
    ) throws -> ProjectLock {
        if case .postgres(let url) = try StateLocation.resolve(project) {
            // The store first: it creates the tables (the lock's among them) on first use.
            let store = try StateStore(database: PostgresStateDatabase.shared(url), readOnly: false)
            let (lock, holder, previous) = try PostgresProjectLock.acquire(
                store: store, command: command, wait: wait, timeout: timeout)
            return ProjectLock(advisory: lock, holder: holder, recoveredFrom: previous)
        }
        let path = project.lockPath
        let shownPath = ".weir/lock"
        do {
            try FileManager.default.createDirectory(atPath: project.stateDirectory, withIntermediateDirectories: true)
        } catch {
            throw LockFileError(path: shownPath, operation: "create the folder of", detail: error.localizedDescription)
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LockFileError(path: shownPath, operation: "open", detail: Self.errorText(errno)) }

        let start = ContinuousClock.now
        var delay = 0.01
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK else {
                close(fd)
                throw LockFileError(path: shownPath, operation: "lock", detail: Self.errorText(code))
            }
            let elapsed = Self.seconds(ContinuousClock.now - start)
            if !wait || (timeout.map { elapsed >= $0 } ?? false) {
                let holder = currentHolder(fd)
                close(fd)
                throw LockHeldError(holder: holder, waited: wait ? elapsed : nil)
            }
            var pause = delay
            if let timeout { pause = min(pause, max(timeout - elapsed, 0.001)) }
            Self.sleep(pause)
            delay = min(delay * 2, 0.5)
        }

        let previous = LockHolder.decode(readAll(fd))
        let holder = LockHolder(
            pid: ProcessIdentity.pid, host: ProcessIdentity.host, command: command, since: StateTime.rounded(.now))
        let record = holder.encoded()
        let written = record.withUnsafeBytes { buffer in
            ftruncate(fd, 0) == 0 ? pwrite(fd, buffer.baseAddress, buffer.count, 0) : -1
        }
        if written != record.count {
            let code = errno
            flock(fd, LOCK_UN)
            close(fd)
            throw LockFileError(path: shownPath, operation: "write the holder's record into", detail: errorText(code))
        }
        return ProjectLock(descriptor: fd, holder: holder, recoveredFrom: previous)
    }

    /// Empties the lock file (or deletes the holder's row) and releases the lock; calling it again does nothing.
    public func release() {
        advisory?.release()
        descriptor.withLock { fd in
            guard let open = fd else { return }
            _ = ftruncate(open, 0)
            _ = flock(open, LOCK_UN)
            _ = close(open)
            fd = nil
        }
    }

    /// The warning to show when the lock was taken over from a dead holder, e.g. "Recovered the lock
    /// of 'weir run' (pid 4242), which is no longer running."
    public var recoveryWarning: String? {
        recoveredFrom.map {
            "Recovered the lock of '\($0.command)' (pid \($0.pid) on host '\($0.host)', since "
                + "\(StateTime.display($0.since))), which is no longer running."
        }
    }

    /// Whether the lock is still held by this value.
    public var isHeld: Bool { advisory?.isHeld ?? descriptor.withLock { $0 != nil } }

    /// The holder's record; retried briefly because a new holder writes it just after locking.
    private static func currentHolder(_ fd: Int32) -> LockHolder? {
        for attempt in 0..<20 {
            if let holder = LockHolder.decode(readAll(fd)) { return holder }
            if attempt < 19 { sleep(0.025) }
        }
        return nil
    }

    /// The lock file's content, at most 64 KiB (a holder's record is about 120 bytes).
    private static func readAll(_ fd: Int32) -> Data {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        return count > 0 ? Data(buffer[0..<count]) : Data()
    }

    static func sleep(_ seconds: Double) {
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    private static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }
}
