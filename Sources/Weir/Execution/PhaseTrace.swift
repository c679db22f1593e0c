import Foundation

/// Temporary: phase timings to stderr when WEIR_TRACE is set.
enum PhaseTrace {
    static let enabled = ProcessInfo.processInfo.environment["WEIR_TRACE"] != nil
    static let start = Date()
    static func mark(_ label: String) {
        guard enabled else { return }
        FileHandle.standardError.write(String(format: "[trace %.3f] %@\n", Date().timeIntervalSince(start), label).data(using: .utf8)!)
    }
}
