import Foundation

/// Sizes written as `512MiB`, `1GiB`, `64KiB`, `2GB` or a number of bytes.
package enum MemorySize {
    /// The bytes `text` stands for; `nil` when it is not a positive size.
    package static func parse(_ text: String) -> Int? {
        let units: [(String, Int)] = [
            ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("KB", 1_000), ("MB", 1_000_000),
            ("GB", 1_000_000_000), ("B", 1),
        ]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let count = Int(text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), count > 0 else {
                return nil
            }
            let (bytes, overflow) = count.multipliedReportingOverflow(by: scale)
            return overflow ? nil : bytes
        }
        return Int(text).flatMap { $0 > 0 ? $0 : nil }
    }
}
