import Yams

/// Parses the options of a `kind: export` stage, each error located in `weir.yaml`.
struct ExportStageParser {
    let options: TransformOptionReader

    init(reader: YAMLReader, stage: String) {
        options = TransformOptionReader(reader: reader, stage: stage)
    }

    func parse(_ entries: [(key: String, keyNode: Node, value: Node)], keyNode: Node) throws(ConfigError)
        -> (spec: ExportStageSpec, input: StageDependency)
    {
        let reader = options.reader
        let context = options.context
        func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
        guard let inputNode = value("input") else {
            throw ConfigError(
                .missingKey(key: "input", context: context, example: "input: stage:checked"),
                at: reader.location(keyNode))
        }
        let input = try options.input(inputNode)
        guard let formatNode = value("format") else {
            throw ConfigError(
                .missingKey(key: "format", context: context, example: "format: csv"), at: reader.location(keyNode))
        }
        let format = try options.choice(formatNode, "format", ExportStageSpec.Format.self)
        let codecs = ExportStageSpec.codecs(for: format)
        var compression = codecs[0]
        if let node = value("compression") {
            let text = try reader.string(node, what: "the 'compression' of \(context)", example: "'compression: gzip'")
            guard let codec = ExportStageSpec.Codec(rawValue: text), codecs.contains(codec) else {
                throw ConfigError(
                    .invalidValue(
                        what: "'compression' of \(context)",
                        problem: "'\(text)' is not a codec for \(format.rawValue) files. Use "
                            + ConfigError.Kind.list(codecs.map(\.rawValue)) + "."),
                    at: reader.location(node))
            }
            compression = codec
        }
        let partitionBy = try options.names(value("partition_by"), "partition_by", example: "'partition_by: [station]'")
        var file = ExportStageSpec.defaultFile(format: format, compression: compression)
        if let node = value("file") {
            let text = try reader.string(node, what: "the 'file' of \(context)", example: "'file: merged.csv.gz'")
            guard !text.isEmpty, !text.contains("/"), text != ".", text != "..", !text.hasPrefix("_") else {
                throw ConfigError(
                    .invalidValue(
                        what: "'file' of \(context)",
                        problem:
                            "'\(text)' is not a file name. Write a plain name such as 'merged.csv.gz' (no folders; "
                            + "names starting with '_' are hidden from readers)."),
                    at: reader.location(node))
            }
            file = text
        } else if partitionBy.isEmpty {
            throw ConfigError(
                .missingKey(key: "file", context: context, example: "file: merged.\(format.rawValue)"),
                at: reader.location(keyNode))
        }
        var spec = ExportStageSpec(
            input: input.target, format: format, compression: compression, file: file, partitionBy: partitionBy,
            rowGroupRows: 1_000_000, memory: ResampleStageSpec.defaultMemory)
        if let node = value("row_group_rows") {
            spec.rowGroupRows = try options.whole(
                node, "row_group_rows", minimum: 1, example: "'row_group_rows: 100000'")
        }
        if let node = value("memory") { spec.memory = try options.memory(node) }
        return (spec, input)
    }
}
