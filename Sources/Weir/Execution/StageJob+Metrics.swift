import Foundation

/// A command stage's declared metrics file that is missing or not JSON numbers.
struct MetricsFileError: Error, CustomStringConvertible {
    let description: String
}

extension StageJob {
    /// Reads the stage's `metrics:` files from its output and flattens every number in them
    /// (nested keys joined with `.`, list items by position) into `_logs/user-metrics.json`, for
    /// the runner to record with the run.
    /// - Throws: ``MetricsFileError`` naming a file that is missing or not valid JSON, and where.
    func collectMetrics(into pending: PendingRun) throws {
        guard !stage.metrics.isEmpty else { return }
        var values: [String: Double] = [:]
        for file in stage.metrics {
            let path = pending.outputFolder + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else {
                throw MetricsFileError(
                    description: "Stage '\(stage.name)' declares the metrics file '\(file)', but its command did not "
                        + "write it into its output. Write it to ${out}/\(file), or remove it from 'metrics:'.")
            }
            let document: JSONValue
            do {
                document = try JSONValue.parse(Array(data))
            } catch {
                let (line, column) = Self.lineAndColumn(of: error.offset, in: Array(data))
                throw MetricsFileError(
                    description: "Stage '\(stage.name)': the metrics file '\(file)' is not valid JSON: \(error.problem) "
                        + "at line \(line), column \(column). Write a JSON object of numbers, such as "
                        + "{\"accuracy\": 0.93, \"loss\": {\"train\": 0.1}}.")
            }
            Self.flatten(document, prefix: "", into: &values)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try FileManager.default.createDirectory(atPath: pending.logsFolder, withIntermediateDirectories: true)
        try FileSync.writeDurably(Array(try encoder.encode(values)), to: pending.logsFolder + "/user-metrics.json")
    }

    /// Every number of `value`, named by its path of keys (and list positions) joined with `.`.
    static func flatten(_ value: JSONValue, prefix: String, into values: inout [String: Double]) {
        func name(_ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }
        switch value {
        case .int(let number): values[prefix.isEmpty ? "value" : prefix] = Double(number)
        case .double(let number): values[prefix.isEmpty ? "value" : prefix] = number
        case .object(let members):
            for (key, member) in members { flatten(member, prefix: name(key), into: &values) }
        case .array(let items):
            for (index, item) in items.enumerated() { flatten(item, prefix: name(String(index)), into: &values) }
        case .null, .bool, .string: break
        }
    }

    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
