import Foundation

/// Phase timings for `WEIR_TRACE=1 weir run`: one line per phase on standard error, with the
/// seconds since the run began hashing its inputs, to see where a slow run spends its time.
enum PhaseTrace {
    static let enabled: Bool = {
        guard let value = ProcessInfo.processInfo.environment["WEIR_TRACE"] else { return false }
        return !value.isEmpty && value != "0"
    }()
    private static let start = Date()

    static func mark(_ phase: String) {
        guard enabled else { return }
        let seconds = String(format: "%.3f", Date().timeIntervalSince(start))
        FileHandle.standardError.write(Data("[trace \(seconds)] \(phase)\n".utf8))
    }
}
