import Dispatch
import Synchronization

/// Where worker threads hand back finished jobs and the scheduling thread waits for them.
final class CompletionQueue<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])
    private let available = DispatchSemaphore(value: 0)

    func push(_ element: Element) {
        items.withLock { $0.append(element) }
        available.signal()
    }

    /// Blocks until an element is available and takes the oldest.
    func pop() -> Element {
        available.wait()
        return items.withLock { $0.removeFirst() }
    }
}
