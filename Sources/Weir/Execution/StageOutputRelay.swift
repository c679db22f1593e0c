#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Receives a stage's output as it is produced: keeps it in the run's log files and shows it live,
/// each line prefixed with `[stage] `.
package final class StageOutputRelay {
    private let prefix: String
    private let console: Console
    private let showLive: Bool
    private var pending: [Console.Stream: [UInt8]] = [.output: [], .error: []]
    private var logs: [Console.Stream: Int32] = [:]

    /// - Parameters:
    ///   - logsFolder: where `stdout.log` and `stderr.log` are written.
    ///   - showLive: whether lines are also written to the terminal.
    package init(stage: String, logsFolder: String, console: Console, showLive: Bool) throws(RunStoreError) {
        self.prefix = "[\(stage)] "
        self.console = console
        self.showLive = showLive
        for (stream, name) in [(Console.Stream.output, "stdout.log"), (.error, "stderr.log")] {
            let path = logsFolder + "/" + name
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw RunStoreError.system(path: path, operation: "create", code: errno) }
            logs[stream] = descriptor
        }
    }

    deinit {
        for descriptor in logs.values { close(descriptor) }
    }

    /// Takes bytes read from the stage's stream.
    package func receive(_ bytes: UnsafeRawBufferPointer, from stream: Console.Stream) {
        if let descriptor = logs[stream] {
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count <= 0 {
                    if count < 0 && errno == EINTR { continue }
                    break
                }
                offset += count
            }
        }
        guard showLive else { return }
        var buffer = pending[stream]!
        for byte in bytes {
            if byte == 0x0A {
                console.line(prefix + String(decoding: buffer, as: UTF8.self), to: stream)
                buffer.removeAll(keepingCapacity: true)
            } else {
                buffer.append(byte)
            }
        }
        pending[stream] = buffer
    }

    /// Shows any last line without a newline.
    package func finish() {
        guard showLive else { return }
        for stream in [Console.Stream.output, .error] where !(pending[stream]?.isEmpty ?? true) {
            console.line(prefix + String(decoding: pending[stream]!, as: UTF8.self), to: stream)
            pending[stream] = []
        }
    }
}
