import Foundation
import Weir

/// How the dashboard shows numbers, sizes, durations and times.
enum Format {
    static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "–" }
        if seconds < 1 { return String(format: "%.0f ms", seconds * 1000) }
        if seconds < 60 { return String(format: "%.2f s", seconds) }
        if seconds < 3600 { return String(format: "%d min %02d s", Int(seconds) / 60, Int(seconds) % 60) }
        return String(format: "%d h %02d min", Int(seconds) / 3600, Int(seconds) % 3600 / 60)
    }

    static func bytes(_ count: Int64?) -> String {
        guard let count else { return "–" }
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }

    static func count(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    static func time(_ date: Date?) -> String {
        guard let date else { return "–" }
        return StateTime.display(date)
    }

    /// A run id as lists show it.
    static func shortID(_ id: String) -> String { String(id.prefix(12)) }

    /// Microseconds since 1970 as a UTC time.
    static func microseconds(_ value: Int64?) -> String {
        guard let value else { return "–" }
        return time(Date(timeIntervalSince1970: Double(value) / 1_000_000))
    }
}
