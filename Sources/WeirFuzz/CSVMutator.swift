/// Damages valid CSV text the ways real files go wrong: stray or missing quotes, other delimiters,
/// mixed line breaks, byte-order marks, invalid UTF-8, giant fields, a header alone, nothing at all.
public enum CSVMutator {
    /// `original` with one to three mutations drawn from `random`, and a note of what was done.
    public static func mutate(_ original: [UInt8], using random: inout FuzzRandom) -> (bytes: [UInt8], note: String) {
        var bytes = original
        var notes: [String] = []
        for _ in 0..<(1 + random.below(3)) {
            notes.append(mutateOnce(&bytes, using: &random))
        }
        return (bytes, notes.joined(separator: "; "))
    }

    private static let quote = UInt8(ascii: "\"")
    private static let newline = UInt8(ascii: "\n")

    private static func mutateOnce(_ bytes: inout [UInt8], using random: inout FuzzRandom) -> String {
        let position = bytes.isEmpty ? 0 : random.below(bytes.count + 1)
        switch random.below(15) {
        case 0:
            let at = random.oneIn(2) ? fieldStart(bytes, near: position) : position
            bytes.insert(quote, at: at)
            return "quote inserted at \(at)"
        case 1:
            let quotes = bytes.indices.filter { bytes[$0] == quote }
            guard let at = quotes.isEmpty ? bytes.indices.randomElementIfAny(using: &random) : random.pick(quotes)
            else { return "nothing to remove" }
            bytes.remove(at: at)
            return "byte removed at \(at)"
        case 2:
            let delimiter = random.pick([",", ";", "\t", "|", " "].map { UInt8(ascii: Unicode.Scalar($0)!) })
            bytes.insert(delimiter, at: position)
            return "delimiter \(delimiter) inserted at \(position)"
        case 3:
            let replacement = random.pick([";", "\t", "|"].map { UInt8(ascii: Unicode.Scalar($0)!) })
            let line = lineRange(bytes, containing: position)
            for index in line where bytes[index] == UInt8(ascii: ",") { bytes[index] = replacement }
            return "commas of the line at \(line.lowerBound) replaced with \(replacement)"
        case 4:
            let breaks = random.pick([[0x0D], [0x0A], [0x0D, 0x0A], [0x0A, 0x0A], [0x0D, 0x0D, 0x0A]] as [[UInt8]])
            bytes.insert(contentsOf: breaks, at: position)
            return "line break \(breaks) inserted at \(position)"
        case 5:
            let style: [UInt8] = random.pick([[0x0D, 0x0A], [0x0D]])
            bytes = bytes.split(separator: newline, omittingEmptySubsequences: false).map(Array.init)
                .joined(separator: style).map { $0 }
            return "every line break made \(style)"
        case 6:
            let bom: [UInt8] = random.pick([[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xEF, 0xBB]])
            let at = random.oneIn(2) ? 0 : position
            bytes.insert(contentsOf: bom, at: at)
            return "byte-order mark \(bom) inserted at \(at)"
        case 7:
            let invalid: [UInt8] = random.pick([
                [0xFF], [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x00], [0xE2, 0x82],
                [0x80, 0x80],
            ])
            bytes.insert(contentsOf: invalid, at: position)
            return "bytes \(invalid) inserted at \(position)"
        case 8:
            let length = random.oneIn(8) ? 1 << (16 + random.below(5)) : 1 + random.below(4_096)
            let filler = random.pick(["x", "9", "\"\"", "\n", ","]).utf8
            var field: [UInt8] = []
            field.reserveCapacity(length + 2)
            while field.count < length { field += filler }
            let quoted = random.oneIn(2)
            let at = fieldStart(bytes, near: position)
            bytes.insert(contentsOf: quoted ? [quote] + field + [quote] : field, at: at)
            return "field of \(field.count) bytes\(quoted ? " (quoted)" : "") inserted at \(at)"
        case 9:
            let end = bytes.firstIndex(of: newline).map { random.oneIn(2) ? $0 + 1 : $0 } ?? bytes.count
            bytes.removeSubrange(end...)
            return "cut to the header line (\(end) bytes)"
        case 10:
            bytes = random.pick([[], [newline], [0xEF, 0xBB, 0xBF], [0x0D, 0x0A, 0x0D, 0x0A], [quote]])
            return "replaced with \(bytes)"
        case 11:
            let count = random.oneIn(4) ? 20_000 + random.below(80_000) : 1 + random.below(200)
            let line = lineRange(bytes, containing: position)
            bytes.insert(contentsOf: Array(repeating: UInt8(ascii: ","), count: count), at: line.upperBound)
            return "\(count) commas appended to the line at \(line.lowerBound)"
        case 12:
            let edge = random.pick([
                "1e999", "-0", "9223372036854775808", "-9223372036854775809", "NaN", "-inf", "2024-02-30",
                "2024-13-01T25:61:61", "1970-01-01T00:00:00.0000000001Z", "0x10", "1,5", "true", "", "NA", "+",
                "99999999999999999999999999999999999999.9", "0001-01-01", "9999-12-31T23:59:59.999999999+14:00",
            ]).utf8
            let start = fieldStart(bytes, near: position)
            var end = start
            while end < bytes.count, ![UInt8(ascii: ","), newline, 0x0D].contains(bytes[end]) { end += 1 }
            bytes.replaceSubrange(start..<end, with: edge)
            return "field at \(start) replaced with '\(String(decoding: edge, as: UTF8.self))'"
        case 13:
            let line = lineRange(bytes, containing: position)
            let copy = Array(bytes[line]) + [newline]
            // At most about a megabyte more: a big input is slow, not a finding.
            let times = min(random.oneIn(4) ? 1_000 : 1 + random.below(3), max(1, (1 << 20) / copy.count))
            bytes.insert(contentsOf: Array([[UInt8]](repeating: copy, count: times).joined()), at: line.lowerBound)
            return "line at \(line.lowerBound) repeated \(times) times"
        default:
            guard !bytes.isEmpty else { return "nothing to flip" }
            let at = min(position, bytes.count - 1)
            let bit = random.below(8)
            bytes[at] ^= 1 << UInt8(bit)
            return "bit \(bit) flipped at byte \(at)"
        }
    }

    /// The start of the field at or before `position`.
    private static func fieldStart(_ bytes: [UInt8], near position: Int) -> Int {
        var start = min(position, bytes.count)
        while start > 0, bytes[start - 1] != UInt8(ascii: ","), bytes[start - 1] != newline { start -= 1 }
        return start
    }

    /// The line holding `position`, without its line break.
    private static func lineRange(_ bytes: [UInt8], containing position: Int) -> Range<Int> {
        var start = min(position, bytes.count)
        while start > 0, bytes[start - 1] != newline { start -= 1 }
        var end = start
        while end < bytes.count, bytes[end] != newline { end += 1 }
        return start..<end
    }
}

extension Range where Bound == Int {
    fileprivate func randomElementIfAny(using random: inout FuzzRandom) -> Int? {
        isEmpty ? nil : lowerBound + random.below(count)
    }
}
