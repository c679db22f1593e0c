/// The bytes one operator holds from a ``MemoryBudget``; released when the reservation goes away.
public final class MemoryReservation {
    /// Who holds the bytes, for messages (`external sort`, `hash aggregate`).
    public let consumer: String
    public let budget: MemoryBudget
    /// Bytes held now.
    public private(set) var size = 0

    public init(consumer: String, budget: MemoryBudget) {
        self.consumer = consumer
        self.budget = budget
    }

    deinit {
        budget.release(size)
    }

    /// Grows or shrinks the reservation to `bytes`; returns `false`, holding what it held, when
    /// the budget cannot grant the difference.
    @discardableResult
    public func tryResize(to bytes: Int) -> Bool {
        if bytes <= size {
            budget.release(size - bytes)
            size = bytes
            return true
        }
        guard budget.tryReserve(bytes - size) else { return false }
        size = bytes
        return true
    }

    /// Grows to `bytes` even past the budget's limit: the minimum an operator needs to make progress.
    public func forceResize(to bytes: Int) {
        if !tryResize(to: bytes) {
            budget.forceReserve(bytes - size)
            size = bytes
        }
    }

    /// Gives every byte back.
    public func free() {
        tryResize(to: 0)
    }
}
