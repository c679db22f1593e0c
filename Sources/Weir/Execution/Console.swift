import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The terminal streams, shared by stages running in parallel: whole lines are written under one lock,
/// so lines of different stages never interleave mid-line.
package final class Console: Sendable {
    package enum Stream: Sendable { case output, error }

    package static let shared = Console()

    private let lock = Mutex<Void>(())
    /// When set, everything meant for standard output goes to standard error (for `--json` modes).
    private let outputToError = Atomic<Bool>(false)

    package func redirectOutputToError(_ flag: Bool) {
        outputToError.store(flag, ordering: .relaxed)
    }

    package func write(_ text: String, to stream: Stream = .output) {
        var bytes = Array(text.utf8)
        let descriptor: Int32 = stream == .error || outputToError.load(ordering: .relaxed) ? 2 : 1
        lock.withLock { _ in Self.writeAll(&bytes, to: descriptor) }
    }

    package func line(_ text: String, to stream: Stream = .output) {
        write(text + "\n", to: stream)
    }

    private static func writeAll(_ bytes: inout [UInt8], to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += count
        }
    }
}
