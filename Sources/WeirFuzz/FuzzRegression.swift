import Foundation

/// A finding kept as a file: the mutated bytes (`NAME.parquet` or `NAME.csv`) and a note beside
/// them (`NAME.txt`) saying where it came from, what went wrong, and the outcome expected now.
///
/// The note's lines are `key: value`; `expect:` holds an outcome's ``FuzzOutcome/description``
/// once the reader has been fixed (a new finding says `expect: not yet fixed`).
public struct FuzzRegression: Sendable {
    public var name: String
    public var bytes: [UInt8]
    public var isParquet: Bool
    public var csvVariant: Int
    /// The note's lines, by key.
    public var note: [String: String]

    public var expected: String? { note["expect"] }

    public func run() -> FuzzOutcome {
        isParquet ? ParquetTarget.read(bytes) : CSVTarget.read(bytes, variant: csvVariant)
    }

    /// Every finding in `directory`, by name.
    public static func load(directory: String) throws -> [FuzzRegression] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        return try names.filter { $0.hasSuffix(".parquet") || $0.hasSuffix(".csv") }.map { name in
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
            let stem = String(name[..<name.lastIndex(of: ".")!])
            let text = (try? String(contentsOfFile: directory + "/" + stem + ".txt", encoding: .utf8)) ?? ""
            var note: [String: String] = [:]
            for line in text.split(separator: "\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                note[String(line[..<colon])] = String(line[line.index(after: colon)...].drop { $0 == " " })
            }
            return FuzzRegression(
                name: name, bytes: [UInt8](data), isParquet: name.hasSuffix(".parquet"),
                csvVariant: Int(note["csv-variant"] ?? "") ?? 0, note: note)
        }
    }

    /// Writes `found` (what went wrong with `fuzzCase`) into `directory`; returns the data file's path.
    @discardableResult
    public static func write(_ fuzzCase: FuzzCase, found: String, into directory: String) throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let stem = fuzzCase.source.split(separator: ".").first.map(String.init) ?? "case"
        let name = "\(stem)-s\(fuzzCase.seed)-c\(fuzzCase.index)"
        let path = directory + "/" + name + (fuzzCase.isParquet ? ".parquet" : ".csv")
        try Data(fuzzCase.bytes).write(to: URL(fileURLWithPath: path))
        var lines = [
            "source: \(fuzzCase.source), mutated by bench/fuzz.sh with seed \(fuzzCase.seed), case \(fuzzCase.index)",
            "mutation: \(fuzzCase.note)",
            "found: \(found)",
        ]
        if !fuzzCase.isParquet { lines.append("csv-variant: \(fuzzCase.csvVariant)") }
        lines.append("expect: not yet fixed")
        try (lines.joined(separator: "\n") + "\n").write(
            toFile: directory + "/" + name + ".txt", atomically: true, encoding: .utf8)
        return path
    }
}
