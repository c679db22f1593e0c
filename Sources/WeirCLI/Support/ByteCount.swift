import Foundation

/// Byte counts as people read them: `512 B`, `3.4 KiB`, `1.2 GiB`.
enum ByteCount {
    static func text<Count: BinaryInteger>(_ bytes: Count) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit])
    }
}
