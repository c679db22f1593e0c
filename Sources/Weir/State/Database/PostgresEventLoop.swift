import PostgresNIO
import Synchronization

/// The one event loop group of the process's PostgreSQL connections, made on first use and shut
/// down by ``PostgresStateDatabase/closeAll()`` before the process exits.
///
/// It is Weir's own (one thread), not NIO's shared singleton, so that a thread that waits for a
/// statement is never one of its event loops, even inside a server that runs on the singleton.
enum PostgresEventLoop {
    private static let current = Mutex<MultiThreadedEventLoopGroup?>(nil)

    static func group() -> MultiThreadedEventLoopGroup {
        current.withLock { group in
            if let group { return group }
            let made = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            group = made
            return made
        }
    }

    static func shutDown() {
        let group = current.withLock { group in
            defer { group = nil }
            return group
        }
        try? group?.syncShutdownGracefully()
    }
}
