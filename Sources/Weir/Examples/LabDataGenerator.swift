import Foundation
import WeirColumns

/// Writes a raw folder of instrument CSV files like a device-physics lab's measurement dumps:
/// `ROOT/<YYYY-MM-DD>/<ChipGroup><chip>_<PROC>_<idx>.csv`, each starting with a `# Key: value`
/// block, then a header and the samples. The same options always give the same bytes.
public struct LabDataGenerator: Sendable {
    public var files = 200
    public var rows = 200
    public var days = 30
    /// The fraction of files made malformed in one of several ways (ragged row, text in a number
    /// column, missing header block, unmatched name, empty file, unterminated quote).
    public var badFraction = 0.0
    public var seed: UInt64 = 7

    public init(files: Int = 200, rows: Int = 200, days: Int = 30, badFraction: Double = 0, seed: UInt64 = 7) {
        self.files = files
        self.rows = rows
        self.days = days
        self.badFraction = badFraction
        self.seed = seed
    }

    static let procedures: [(name: String, columns: [String])] = [
        ("IV", ["vsd_v", "i_a"]), ("IVg", ["vg_v", "i_a"]), ("ITS", ["t_s", "i_a", "vl_v"]),
    ]
    static let groups = ["Alisson", "Encap", "Bare"]
    public enum Defect: String, CaseIterable, Sendable { case ragged, text, noHeader, badName, empty, quote }

    /// What was written: one entry per file, with its defect if it has one.
    public struct WrittenFile: Sendable, Hashable {
        public var relativePath: String
        public var rows: Int
        public var defect: Defect?
    }

    /// Writes the folder under `root` (created if missing) and returns what it wrote.
    @discardableResult
    public func write(to root: String) throws -> [WrittenFile] {
        var random = SplitMix64(seed: seed)
        let start = CivilDate(year: 2025, month: 9, day: 1).daysSinceEpoch
        var written: [WrittenFile] = []
        let fileManager = FileManager.default
        for index in 0..<files {
            let day = CivilDate(daysSinceEpoch: start + random.int(below: max(days, 1)))
            let secondOfDay = 8 * 3600 + random.int(below: 10 * 3600)
            let procedure = Self.procedures[random.int(below: 3)]
            let group = Self.groups[random.int(below: 3)]
            let chip = 1 + random.int(below: 99)
            let count = max(1, rows + random.int(below: max(rows / 5, 1)) - rows / 10)
            let light = random.unit() < 0.5
            let defect: Defect? = random.unit() < badFraction ? Defect.allCases[random.int(below: Defect.allCases.count)] : nil
            let folder = root + "/" + day.iso8601
            try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let name = defect == .badName ? "scan \(index).csv" : "\(group)\(chip)_\(procedure.name)_\(index).csv"
            var text = ""
            if defect != .empty {
                if defect != .noHeader {
                    let time = "\(pad2(secondOfDay / 3600)):\(pad2(secondOfDay / 60 % 60)):\(pad2(secondOfDay % 60))"
                    text += "# Procedure: \(procedure.name)\n# Chip group: \(group)\n# Chip number: \(chip)\n"
                    text += "# Start time: \(day.iso8601) \(time)\n"
                    text += "# Laser wavelength: " + (light ? "\([365, 455, 530, 625][random.int(below: 4)]) nm" : "none") + "\n"
                    text += "# Laser voltage: " + (light ? String(format: "%.2f V", random.unit() * 5) : "0 V") + "\n"
                    text += "# VDS: \([0.05, 0.1, 0.5][random.int(below: 3)]) V\n# Data:\n"
                }
                text += procedure.columns.joined(separator: ",") + "\n"
                var lines: [String] = []
                lines.reserveCapacity(count)
                for row in 0..<count {
                    let x = procedure.name == "ITS" ? Double(row) * 0.1 : -5 + 10 * Double(row) / Double(max(count - 1, 1))
                    var fields = [x.description, (random.gaussian() * 1e-6).description]
                    if procedure.columns.count == 3 { fields.append((random.unit() * 5).description) }
                    lines.append(fields.joined(separator: ","))
                }
                switch defect {
                case .ragged: lines[count / 2] += ",1,2"
                case .text: lines[count / 3] = "oops," + lines[count / 3]
                case .quote: lines[count / 4] = "\"unterminated," + lines[count / 4]
                default: break
                }
                text += lines.joined(separator: "\n") + "\n"
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
            written.append(WrittenFile(relativePath: day.iso8601 + "/" + name, rows: count, defect: defect))
        }
        return written
    }

    private func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// A small, fast, seedable generator (SplitMix64) so sample data is the same on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound`.
    public mutating func int(below bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A uniform double in `[0, 1)`.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A standard normal variate (Box–Muller).
    public mutating func gaussian() -> Double {
        let u = max(unit(), 0x1.0p-53)
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * unit())
    }
}
