import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C and `kill` during `weir run`: the first SIGINT or SIGTERM stops new stages from starting
/// and passes the signal on to the running commands (each in its own process group), so the run
/// ends cleanly, recorded as interrupted with nothing half-committed; a second one ends `weir` at once.
package final class Interruption: Sendable {
    package static let shared = Interruption()

    private let signals = Atomic<Int>(0)
    private let children = Mutex<Set<pid_t>>([])
    /// Slurm jobs submitted for the running stages, cancelled with `scancel` on an interruption.
    private let slurmJobs = Mutex<Set<String>>([])
    /// The signal sources, kept for the life of the process; installed once, from the main thread.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    package var isInterrupted: Bool { signals.load(ordering: .relaxed) > 0 }

    /// Handles SIGINT and SIGTERM from now on.
    package func install() {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in received(number) }
            source.resume()
            Self.sources.append(source)
        }
    }

    private func received(_ number: Int32) {
        if signals.add(1, ordering: .relaxed).newValue > 1 { _exit(128 + number) }
        Console.shared.line(
            "weir: interrupted; waiting for the running stages to stop (interrupt again to quit at once).", to: .error)
        // Each command runs in its own process group, led by its shell.
        for pid in children.withLock({ $0 }) { kill(-pid, number) }
        for job in slurmJobs.withLock({ $0 }) { try? SlurmClient().cancel(job) }
    }

    func started(_ pid: pid_t) { _ = children.withLock { $0.insert(pid) } }
    func finished(_ pid: pid_t) { _ = children.withLock { $0.remove(pid) } }
    func submitted(slurmJob id: String) { _ = slurmJobs.withLock { $0.insert(id) } }
    func ended(slurmJob id: String) { _ = slurmJobs.withLock { $0.remove(id) } }
}

/// `weir run` was interrupted; what finished is committed, no version was recorded.
public struct RunInterruptedError: UserFacingError, Hashable {
    public var exitStatus: Int32 { 130 }
    public var description: String {
        "The run was interrupted. Finished stages are committed; run 'weir run' again to do the rest."
    }
}
