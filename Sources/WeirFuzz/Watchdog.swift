import Foundation

/// Runs a body on its own thread and gives up waiting after a deadline: a reader that hangs is
/// reported instead of stopping the run. The abandoned thread is left running (a process that
/// found a hang is ended by its runner).
public enum Watchdog {
    /// The body's result, or `nil` when it did not finish within `seconds`.
    public static func run<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () -> T) -> T? {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.set(body())
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return box.get()
    }
}

/// A watchdog with one thread of its own that runs body after body, for a runner that reads
/// thousands of cases: no thread is started per case, so a case never waits on a thread that the
/// system is slow to create (under load, or near an address-space limit).
public final class WatchdogThread: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    // Handed over through the semaphores, which order the accesses.
    private var body: (@Sendable () -> FuzzOutcome)?
    private var outcome: FuzzOutcome?

    public init() {
        let thread = Thread { [self] in
            while true {
                ready.wait()
                outcome = body?()
                finished.signal()
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The body's outcome, or `nil` when it did not finish within `seconds` (the thread is then
    /// stuck in it, and this watchdog must not be used again).
    public func run(seconds: Double, _ body: @escaping @Sendable () -> FuzzOutcome) -> FuzzOutcome? {
        self.body = body
        ready.signal()
        guard finished.wait(timeout: .now() + seconds) == .success else { return nil }
        return outcome
    }
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T?

    func set(_ new: T) { lock.withLock { value = new } }
    func get() -> T? { lock.withLock { value } }
}

/// The memory the process uses, for the runner's ceiling.
public enum ProcessMemory {
    /// The most resident memory the process has used so far, in bytes.
    public static func peakResidentBytes() -> Int {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return usage.ru_maxrss * 1024
        #else
            getrusage(RUSAGE_SELF, &usage)
            return usage.ru_maxrss
        #endif
    }
}
