import Dispatch
import Foundation
import Synchronization

/// Reports a conversion's progress on standard error: a bar redrawn in place on a terminal,
/// a plain line every few seconds otherwise (logs, pipes, CI).
final class ConvertProgress: Sendable {
    private let totalBytes: Int
    private let totalFiles: Int
    private let bytes = Atomic<Int>(0)
    private let files = Atomic<Int>(0)
    private let interactive: Bool
    private let stop = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    private let started = DispatchTime.now()

    init(totalBytes: Int, totalFiles: Int) {
        self.totalBytes = totalBytes
        self.totalFiles = totalFiles
        interactive = isatty(2) != 0
    }

    func add(bytes count: Int) {
        if count > 0 { bytes.add(count, ordering: .relaxed) }
    }

    func fileDone() {
        files.add(1, ordering: .relaxed)
    }

    func begin() {
        let interval = interactive ? 0.2 : 2.0
        Thread.detachNewThread { [self] in
            while stop.wait(timeout: .now() + interval) == .timedOut { render() }
            if interactive { write("\r\u{1B}[2K") }
            stopped.signal()
        }
    }

    func end() {
        stop.signal()
        stopped.wait()
    }

    private func render() {
        let done = min(bytes.load(ordering: .relaxed), totalBytes)
        let fraction = totalBytes == 0 ? 1 : Double(done) / Double(totalBytes)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let filesText = "\(files.load(ordering: .relaxed))/\(totalFiles) files"
        let amounts = "\(ByteCount.text(done)) of \(ByteCount.text(totalBytes))"
        if interactive {
            let width = 30
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            write(
                "\r\u{1B}[2K[\(bar)] " + String(format: "%3.0f%%", fraction * 100) + "  \(amounts)  \(filesText)  "
                    + String(format: "%.1f s", seconds))
        } else {
            write(
                "converting: " + String(format: "%.0f%%", fraction * 100) + ", \(amounts), \(filesText), "
                    + String(format: "%.0f s", seconds) + "\n")
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
