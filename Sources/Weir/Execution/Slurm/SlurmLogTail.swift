#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Follows a log file that a Slurm job writes on the shared filesystem, handing new bytes to a
/// stage's output relay (which keeps them in the run's `_logs/` and shows them live).
package final class SlurmLogTail {
    private let path: String
    private let stream: Console.Stream
    private var descriptor: Int32 = -1

    package init(path: String, stream: Console.Stream) {
        self.path = path
        self.stream = stream
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Reads what was added since the last call; the file may not exist yet.
    package func pump(into relay: StageOutputRelay) {
        if descriptor < 0 {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            if descriptor < 0 { return }
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65536, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            relay.receive(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), from: stream)
        }
    }
}
