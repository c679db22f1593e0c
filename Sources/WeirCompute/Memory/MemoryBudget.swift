import Synchronization

/// A pool of bytes that operators reserve from before they hold data in memory.
///
/// Operators of one plan share a budget. An operator grows its ``MemoryReservation`` before it
/// buffers more rows; when the budget refuses, the operator spills to disk and shrinks its
/// reservation instead of exceeding the limit. The budget also keeps the figures a caller reports:
/// the peak reserved and what was spilled.
public final class MemoryBudget: Sendable {
    /// The most bytes that may be reserved at once.
    public let limit: Int
    private let state: Mutex<State>

    private struct State {
        var reserved = 0
        var peak = 0
        var spilledBytes = 0
        var spillFiles = 0
    }

    /// A budget of `limit` bytes.
    public init(limit: Int) {
        precondition(limit > 0, "a memory budget needs a positive limit")
        self.limit = limit
        state = Mutex(State())
    }

    /// A budget that never refuses: for callers that want no spilling.
    public static func unbounded() -> MemoryBudget { MemoryBudget(limit: Int.max) }

    /// Bytes reserved now.
    public var reserved: Int { state.withLock { $0.reserved } }
    /// The most bytes reserved at once so far.
    public var peak: Int { state.withLock { $0.peak } }
    /// Bytes written to spill files so far.
    public var spilledBytes: Int { state.withLock { $0.spilledBytes } }
    /// Spill files written so far.
    public var spillFiles: Int { state.withLock { $0.spillFiles } }

    /// Reserves `bytes` if they fit under the limit; returns whether they did.
    func tryReserve(_ bytes: Int) -> Bool {
        state.withLock { state in
            guard bytes <= limit - state.reserved else { return false }
            state.reserved += bytes
            state.peak = max(state.peak, state.reserved)
            return true
        }
    }

    /// Reserves `bytes` even past the limit: for the minimum an operator needs to make progress.
    func forceReserve(_ bytes: Int) {
        state.withLock { state in
            state.reserved += bytes
            state.peak = max(state.peak, state.reserved)
        }
    }

    func release(_ bytes: Int) {
        state.withLock { $0.reserved -= bytes }
    }

    func recordSpill(bytes: Int) {
        state.withLock { state in
            state.spilledBytes += bytes
            state.spillFiles += 1
        }
    }
}
