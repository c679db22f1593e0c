import Testing
import WeirTestSupport

/// Inputs that cover what Parquet pages hold: nothing, tiny blocks, runs, noise, text and column values.
enum Sample: String, CaseIterable, CustomTestStringConvertible {
    case empty
    case oneByte
    case zeros
    case random
    case text
    case doubles
    case smallIntegers

    var testDescription: String { rawValue }

    var bytes: [UInt8] {
        var random = SeededRandom(seed: 0x5EED_0000 + UInt64(Self.allCases.firstIndex(of: self)!))
        switch self {
        case .empty: return []
        case .oneByte: return [0x2A]
        case .zeros: return [UInt8](repeating: 0, count: 1 << 20)
        case .random: return (0..<(300 * 1024)).map { _ in UInt8.random(in: 0...255, using: &random) }
        case .text: return Sample.csvText(rows: 6000, using: &random)
        case .doubles:
            var bytes: [UInt8] = []
            var price = 100.0
            for _ in 0..<40_000 {
                price += Double(Int.random(in: -50...50, using: &random)) / 100
                withUnsafeBytes(of: price.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            }
            return bytes
        case .smallIntegers:
            var bytes: [UInt8] = []
            for _ in 0..<60_000 {
                withUnsafeBytes(of: Int32.random(in: 0..<200, using: &random).littleEndian) {
                    bytes.append(contentsOf: $0)
                }
            }
            return bytes
        }
    }

    /// CSV-like lines: repeated column values, dates, decimal numbers and short words.
    static func csvText(rows: Int, using random: inout SeededRandom) -> [UInt8] {
        let cities = ["Lyon", "Oslo", "Lima", "Porto", "Quito", "Dakar", "Perth", "Hanoi"]
        let kinds = ["sensor", "manual", "import", "derived"]
        var text = "id,city,kind,recorded,value,flag\n"
        for row in 0..<rows {
            let day = Int.random(in: 1...28, using: &random)
            let value = Int.random(in: 0...99_999, using: &random)
            text += "\(row),\(cities.randomElement(using: &random)!),\(kinds.randomElement(using: &random)!),"
            text += "2024-03-\(day < 10 ? "0" : "")\(day),\(value / 100).\(value % 100),"
            text += Bool.random(using: &random) ? "true\n" : "false\n"
        }
        return Array(text.utf8)
    }
}
