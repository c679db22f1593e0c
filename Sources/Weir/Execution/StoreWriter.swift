import Dispatch

/// Writes run records, metrics and events to the state store in order on a background queue, so
/// scheduling never waits for the database.
final class StoreWriter: Sendable {
    let store: StateStore
    private let queue = DispatchQueue(label: "weir.store-writer")

    init(store: StateStore) {
        self.store = store
    }

    /// Queues a write; a failure only loses that record (the run's `_SUCCESS` stays authoritative).
    func write(_ body: @escaping @Sendable (StateStore) throws -> Void) {
        let store = self.store
        queue.async { try? body(store) }
    }

    /// Waits until every queued write is done.
    func drain() {
        queue.sync {}
    }
}
