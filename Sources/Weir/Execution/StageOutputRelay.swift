import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Receives a stage's output as it is produced: keeps it in the run's log files and shows it live,
/// each line prefixed with `[stage] `, and hands its latest line to the progress reporter.
package final class StageOutputRelay {
    private let stage: String
    private let prefix: String
    private let console: Console
    private let showLive: Bool
    private let progress: ProgressReporter?
    private var pending: [Console.Stream: [UInt8]] = [.output: [], .error: []]
    /// The unfinished last line of each stream, for the progress reporter (cut at a few hundred bytes).
    private var partial: [Console.Stream: [UInt8]] = [.output: [], .error: []]
    private var logs: [Console.Stream: Int32] = [:]

    /// - Parameters:
    ///   - logsFolder: where `stdout.log` and `stderr.log` are written.
    ///   - showLive: whether lines are also written to the terminal.
    ///   - progress: where the latest output line goes as the stage's progress message.
    package init(
        stage: String, logsFolder: String, console: Console, showLive: Bool, progress: ProgressReporter? = nil
    ) throws(RunStoreError) {
        self.stage = stage
        self.prefix = "[\(stage)] "
        self.console = console
        self.showLive = showLive
        self.progress = progress
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
        if progress != nil { noteLatestLine(bytes, from: stream) }
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

    /// Finds the last complete line in `bytes` (scanning backwards, so a chunk costs little more
    /// than its last line) and reports it unless it is blank. A carriage return ends a line too,
    /// as progress bars redraw themselves with it.
    private func noteLatestLine(_ bytes: UnsafeRawBufferPointer, from stream: Console.Stream) {
        let limit = ProgressReporter.maximumLineLength * 4
        let isEnd: (UInt8) -> Bool = { $0 == 0x0A || $0 == 0x0D }
        guard let last = bytes.lastIndex(where: isEnd) else {
            let room = max(0, limit - partial[stream]!.count)
            partial[stream]!.append(contentsOf: bytes.prefix(room))
            return
        }
        // The last line that is not blank (`\r\n` leaves an empty one after the `\r`).
        var end = last
        while true {
            let start = bytes[..<end].lastIndex(where: isEnd)
            var line: [UInt8]
            if let start {
                line = Array(bytes[(start + 1)..<min(end, start + 1 + limit)])
            } else {
                line = partial[stream]!
                line.append(contentsOf: bytes[..<end].prefix(max(0, limit - line.count)))
            }
            if let text = Self.progressText(line) {
                progress?.line(stage: stage, text)
                break
            }
            guard let start else { break }
            end = start
        }
        partial[stream] = Array(bytes[(last + 1)...].prefix(limit))
    }

    /// A line as a progress message: valid UTF-8, without terminal escape sequences, control
    /// characters or surrounding blanks, at most ``ProgressReporter/maximumLineLength`` characters;
    /// nil when nothing is left.
    package static func progressText(_ line: [UInt8]) -> String? {
        var plain: [UInt8] = []
        plain.reserveCapacity(line.count)
        var index = 0
        while index < line.count {
            // ESC [ parameters final-byte: colours and cursor movements.
            if line[index] == 0x1B, index + 1 < line.count, line[index + 1] == 0x5B {
                index += 2
                while index < line.count, !(0x40...0x7E).contains(line[index]) { index += 1 }
                index += 1
                continue
            }
            plain.append(line[index])
            index += 1
        }
        let cleaned = String(decoding: plain, as: UTF8.self).unicodeScalars.map { scalar -> Character in
            scalar.properties.generalCategory == .control ? " " : Character(scalar)
        }
        let text = String(cleaned).trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return nil }
        return text.count > ProgressReporter.maximumLineLength
            ? String(text.prefix(ProgressReporter.maximumLineLength - 1)) + "…" : text
    }

    /// Reports an unfinished last line once the stage ends.
    private func reportPartialLines() {
        for stream in [Console.Stream.error, .output] {
            if let text = Self.progressText(partial[stream]!) {
                progress?.line(stage: stage, text)
                partial[stream] = []
            }
        }
    }

    /// Shows any last line without a newline.
    package func finish() {
        if progress != nil { reportPartialLines() }
        guard showLive else { return }
        for stream in [Console.Stream.output, .error] where !(pending[stream]?.isEmpty ?? true) {
            console.line(prefix + String(decoding: pending[stream]!, as: UTF8.self), to: stream)
            pending[stream] = []
        }
    }
}
