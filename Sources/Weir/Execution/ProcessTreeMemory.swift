import Foundation

/// Samples the peak memory of a process and its descendants from `/proc`.
///
/// `wait4` cannot give it: a child started with `posix_spawn` shares the parent's memory until it
/// calls `exec`, and the kernel counts that in the child's maximum resident size. Instead, each
/// sample sums the peak resident size (`VmHWM`, which covers the time between samples) of every
/// process in the tree; the result is the largest sum seen.
struct ProcessTreeMemory {
    let root: pid_t
    private(set) var peakBytes: Int64?

    init(root: pid_t) {
        self.root = root
    }

    mutating func sample() {
        var total: Int64 = 0
        var found = false
        var pending = [root]
        var seen = Set<pid_t>()
        while let pid = pending.popLast(), seen.count < 4096 {
            guard seen.insert(pid).inserted, let bytes = Self.highWaterMark(pid) else { continue }
            found = true
            total += bytes
            pending += Self.children(pid)
        }
        if found { peakBytes = max(peakBytes ?? 0, total) }
    }

    private static func highWaterMark(_ pid: pid_t) -> Int64? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.dropFirst("VmHWM:".count).filter(\.isNumber)
            return Int64(digits).map { $0 * 1024 }
        }
        return nil
    }

    private static func children(_ pid: pid_t) -> [pid_t] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        var result: [pid_t] = []
        for task in tasks {
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8) else {
                continue
            }
            result += text.split(separator: " ").compactMap {
                pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        return result
    }
}
