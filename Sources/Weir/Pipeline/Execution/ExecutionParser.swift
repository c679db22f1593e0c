import Yams

/// Reads `executor`, `slurm` and `shards`, at the top of `weir.yaml` and in a stage.
struct ExecutionParser {
    let reader: YAMLReader

    static let slurmKeys = ["partition", "cpus", "mem", "time", "args"]
    static let slurmExample = "'slurm: {partition: debug, cpus: 1, mem: 1G, time: \"00:10:00\"}'"

    /// The project-wide defaults from the top-level entries.
    func defaults(_ entries: [(key: String, keyNode: Node, value: Node)]) throws(ConfigError) -> StageExecution {
        var execution = StageExecution.local
        if let node = entries.first(where: { $0.key == "executor" })?.value {
            execution.executor = try executor(node, context: "the pipeline file")
        }
        if let node = entries.first(where: { $0.key == "slurm" })?.value {
            execution.slurm = try slurm(node, context: "the pipeline file")
        }
        return execution
    }

    /// A stage's execution: the project's defaults overridden by its own keys.
    ///
    /// - Parameter allowsShards: whether the stage may split its work (`shards`, ingest stages).
    func stage(
        _ name: String, entries: [(key: String, keyNode: Node, value: Node)], defaults: StageExecution,
        allowsShards: Bool
    ) throws(ConfigError) -> StageExecution {
        let context = "stage '\(name)'"
        func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
        var execution = defaults
        if let node = value("executor") { execution.executor = try executor(node, context: context) }
        if let node = value("slurm") {
            execution.slurm = defaults.slurm.overridden(by: try slurm(node, context: context))
        }
        if allowsShards, let node = value("shards") {
            let count = try positiveInteger(node, what: "'shards' of \(context)", example: "'shards: 4'")
            guard execution.executor == .slurm else {
                throw ConfigError(
                    .invalidValue(
                        what: "'shards' of \(context)",
                        problem: "Shards split the stage over a Slurm job array, but the stage runs on the local "
                            + "executor. Add 'executor: slurm' to the stage (or the project), or remove 'shards'."),
                    at: reader.location(node))
            }
            execution.shards = count
        }
        return execution
    }

    func executor(_ node: Node, context: String) throws(ConfigError) -> ExecutorKind {
        let text = try reader.string(node, what: "the 'executor' of \(context)", example: "'executor: slurm'")
        guard let kind = ExecutorKind(rawValue: text) else {
            let names = ExecutorKind.allCases.map(\.rawValue)
            let hint =
                DidYouMean.suggestion(for: text, among: names).map { "Did you mean '\($0)'?" }
                ?? "Use 'local' or 'slurm'."
            throw ConfigError(
                .invalidValue(what: "'executor' of \(context)", problem: "'\(text)' is not an executor. \(hint)"),
                at: reader.location(node))
        }
        return kind
    }

    func slurm(_ node: Node, context: String) throws(ConfigError) -> SlurmOptions {
        let what = "the 'slurm' options of \(context)"
        let entries = try reader.mapping(node, what: what, example: Self.slurmExample)
        try reader.checkKeys(entries, allowed: Self.slurmKeys, context: "'slurm' of \(context)")
        var options = SlurmOptions()
        for entry in entries {
            let node = entry.value
            switch entry.key {
            case "partition":
                options.partition = try reader.string(
                    node, what: "the 'slurm.partition' of \(context)", example: "'partition: debug'")
            case "cpus":
                options.cpus = try positiveInteger(node, what: "'slurm.cpus' of \(context)", example: "'cpus: 4'")
            case "mem":
                options.mem = try slurmValue(
                    node, key: "mem", context: context, example: "'mem: 4G'", valid: SlurmFormats.isMemory,
                    problem: "is not an amount of memory as Slurm writes it. Write a whole number of megabytes, or "
                        + "one with a unit: '512M', '4G', '1T'.")
            case "time":
                options.time = try slurmValue(
                    node, key: "time", context: context, example: "'time: \"01:00:00\"'", valid: SlurmFormats.isTime,
                    problem: "is not a time limit as Slurm writes it. Write minutes ('30'), 'HH:MM:SS' "
                        + "('\"01:30:00\"') or 'D-HH:MM:SS' ('\"2-00:00:00\"'), in quotes.")
            default:
                options.args = try arguments(node, context: context)
            }
        }
        return options
    }

    private func arguments(_ node: Node, context: String) throws(ConfigError) -> [String] {
        let example = "'args: [\"--qos=low\", \"--account=lab\"]'"
        guard case .sequence(let list) = node else {
            throw ConfigError(
                .wrongType(
                    what: "the 'slurm.args' of \(context)", expected: "a list of strings", found: reader.describe(node),
                    example: example),
                at: reader.location(node))
        }
        var arguments: [String] = []
        for item in list {
            let text = try reader.string(item, what: "an entry of 'slurm.args' of \(context)", example: example)
            guard text.hasPrefix("-") else {
                throw ConfigError(
                    .invalidValue(
                        what: "'slurm.args' of \(context)",
                        problem: "'\(text)' is not an sbatch option. Write each option with its dashes, such as "
                            + "'--qos=low'."),
                    at: reader.location(item))
            }
            arguments.append(text)
        }
        return arguments
    }

    /// The text of `slurm.<key>` as written, when `valid` accepts it; else an error saying it `problem`.
    private func slurmValue(
        _ node: Node, key: String, context: String, example: String, valid: (String) -> Bool, problem: String
    ) throws(ConfigError) -> String {
        let text = try scalarText(node, what: "the 'slurm.\(key)' of \(context)", example: example)
        guard valid(text) else {
            throw ConfigError(
                .invalidValue(what: "'slurm.\(key)' of \(context)", problem: "'\(text)' " + problem),
                at: reader.location(node))
        }
        return text
    }

    /// A scalar's text as written, whatever YAML would make of it (`1:00:00` is a number in YAML 1.1).
    private func scalarText(_ node: Node, what: String, example: String) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node, !reader.isNull(node) else {
            throw ConfigError(
                .wrongType(what: what, expected: "a string", found: reader.describe(node), example: example),
                at: reader.location(node))
        }
        return scalar.string
    }

    private func positiveInteger(_ node: Node, what: String, example: String) throws(ConfigError) -> Int {
        guard case .scalar(let scalar) = node, node.tag.rawValue == Tag.Name.int.rawValue,
            let value = Int(scalar.string)
        else {
            throw ConfigError(
                .wrongType(
                    what: "the " + what, expected: "a whole number", found: reader.describe(node), example: example),
                at: reader.location(node))
        }
        guard value > 0 else {
            throw ConfigError(
                .invalidValue(what: what, problem: "'\(value)' is not a positive number. Write 1 or more."),
                at: reader.location(node))
        }
        return value
    }
}

/// The value formats Slurm accepts for `--mem` and `--time`.
enum SlurmFormats {
    /// `1024`, `512M`, `4G`, `1T` (and `K`).
    static func isMemory(_ text: String) -> Bool {
        var digits = Substring(text)
        if let last = digits.last, "KMGTkmgt".contains(last) { digits = digits.dropLast() }
        return !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit) && Int(digits).map { $0 > 0 } == true
    }

    /// `M`, `M:S`, `H:M:S`, `D-H`, `D-H:M`, `D-H:M:S`, or `UNLIMITED`/`INFINITE`.
    static func isTime(_ text: String) -> Bool {
        if ["UNLIMITED", "INFINITE"].contains(text.uppercased()) { return true }
        let dayParts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard dayParts.count <= 2 else { return false }
        let clock = dayParts.last!.split(separator: ":", omittingEmptySubsequences: false)
        let numbers = (dayParts.count == 2 ? [dayParts[0]] : []) + clock
        guard numbers.allSatisfy({ !$0.isEmpty && $0.count <= 9 && $0.allSatisfy(\.isASCIIDigit) }) else {
            return false
        }
        let total = numbers.compactMap { Int($0) }.reduce(0, +)
        guard total > 0 else { return false }
        // Past the first field of the clock, minutes and seconds stay under 60.
        return clock.count <= 3 && clock.dropFirst().allSatisfy { Int($0)! < 60 }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
