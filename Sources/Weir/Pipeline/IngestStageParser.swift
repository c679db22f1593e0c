import WeirCSV
import Yams

/// Parses the options of a `kind: ingest` stage, each error located in `weir.yaml`.
struct IngestStageParser {
    let reader: YAMLReader
    let stage: String

    func parse(_ entries: [(key: String, keyNode: Node, value: Node)], keyNode: Node) throws(ConfigError)
        -> IngestStageSpec
    {
        func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
        let context = "stage '\(stage)'"
        guard let sourceNode = value("source") else {
            throw ConfigError(
                .missingKey(key: "source", context: context, example: "source: data/raw"), at: reader.location(keyNode))
        }
        let source = try path(sourceNode, what: "source of \(context)")
        guard let patternNode = value("pattern") else {
            throw ConfigError(
                .missingKey(key: "pattern", context: context, example: "pattern: \"{date:date}/{name}_{idx:int}.csv\""),
                at: reader.location(keyNode))
        }
        let pattern = try string(patternNode, "pattern", example: "'pattern: \"{date:date}/{name}.csv\"'")
        let parsedPattern: FilenamePattern
        do {
            parsedPattern = try FilenamePattern(pattern)
        } catch {
            throw ConfigError(
                .invalidValue(what: "'pattern' of \(context)", problem: error.description),
                at: reader.location(patternNode))
        }
        let fieldTypes = Dictionary(uniqueKeysWithValues: parsedPattern.fields.map { ($0.name, $0.type) })

        var filters: [String: String] = [:]
        if let node = value("filters"), !reader.isNull(node) {
            for entry in try reader.mapping(
                node, what: "the 'filters' of \(context)", example: "'filters: {year: 2014..2016}'")
            {
                guard let type = fieldTypes[entry.key] else {
                    let hint =
                        DidYouMean.suggestion(for: entry.key, among: fieldTypes.keys).map { " Did you mean '\($0)'?" }
                        ?? ""
                    throw ConfigError(
                        .invalidValue(
                            what: "filter '\(entry.key)' of \(context)",
                            problem:
                                "The pattern has no field '\(entry.key)'.\(hint) Filters apply to the pattern's fields: \(fieldTypes.keys.sorted().joined(separator: ", "))."
                        ),
                        at: reader.location(entry.keyNode))
                }
                let text: String
                if case .sequence(let items) = entry.value {
                    var parts: [String] = []
                    for item in items {
                        parts.append(try scalarText(item, "filter '\(entry.key)'", example: "'\(entry.key): [a, b]'"))
                    }
                    text = "[" + parts.joined(separator: ",") + "]"
                } else {
                    text = try scalarText(entry.value, "filter '\(entry.key)'", example: "'\(entry.key): 2014..2016'")
                }
                do {
                    _ = try FieldFilter.parse(text, field: entry.key, type: type)
                } catch {
                    throw ConfigError(
                        .invalidValue(what: "filter '\(entry.key)' of \(context)", problem: error.description),
                        at: reader.location(entry.value))
                }
                filters[entry.key] = text
            }
        }

        var format: IngestConfiguration.SourceFormat?
        if let node = value("format") {
            let text = try string(node, "format", example: "'format: csv'")
            guard let parsed = IngestConfiguration.SourceFormat(rawValue: text) else {
                throw ConfigError(
                    .invalidValue(
                        what: "'format' of \(context)",
                        problem: "Use 'csv' or 'parquet', or leave it out to decide by extension."),
                    at: reader.location(node))
            }
            format = parsed
        }
        var timezone: String?
        if let node = value("timezone") {
            let text = try string(node, "timezone", example: "'timezone: America/Santiago'")
            do {
                _ = try LocalTimeZone(text)
            } catch {
                throw ConfigError(
                    .invalidValue(what: "'timezone' of \(context)", problem: error.description),
                    at: reader.location(node))
            }
            timezone = text
        }
        let schema = try typeMapping(value("schema"), what: "'schema' of \(context)")
        var schemas: [String: [String: String]] = [:]
        if let node = value("schemas"), !reader.isNull(node) {
            for entry in try reader.mapping(
                node, what: "the 'schemas' of \(context)", example: "'schemas: {IV: {i_a: double}}'")
            {
                schemas[entry.key] = try typeMapping(entry.value, what: "schema '\(entry.key)' of \(context)")
            }
        }
        let schemaKey = try value("schema_key").map { node throws(ConfigError) in
            try string(node, "schema_key", example: "'schema_key: proc'")
        }
        if !schemas.isEmpty && schemaKey == nil {
            throw ConfigError(
                .missingKey(key: "schema_key", context: context, example: "schema_key: proc"),
                at: reader.location(keyNode))
        }

        var spec = IngestStageSpec(
            source: source, pattern: pattern, include: try strings(value("include"), "include"),
            exclude: try strings(value("exclude"), "exclude"), filters: filters, format: format,
            headerMetadata: try headerMetadataMode(value("header_metadata")) != .off, timezone: timezone,
            partitionBy: try strings(value("partition_by"), "partition_by"), schema: schema, schemas: schemas,
            schemaKey: schemaKey, delimiter: ",", quote: "\"", escape: nil, comment: nil, header: true,
            nullValues: ["", "NA", "N/A", "NULL", "null"], onBadRows: "fail", onDeleted: .keep, jobs: nil,
            rowGroupRows: 1_000_000, schemaVersion: 1)
        spec.headerMetadataOptional = try headerMetadataMode(value("header_metadata")) == .optional
        spec.required = try strings(value("required"), "required")
        if let node = value("on_bad_rows") {
            let text = try string(node, "on_bad_rows", example: "'on_bad_rows: reject'")
            guard ["fail", "reject"].contains(text) else {
                throw ConfigError(
                    .invalidValue(
                        what: "'on_bad_rows' of \(context)",
                        problem:
                            "Use 'fail' (a bad row rejects its whole file) or 'reject' (bad rows go to the rejects table)."
                    ),
                    at: reader.location(node))
            }
            spec.onBadRows = text
        }
        if let node = value("on_deleted") {
            let text = try string(node, "on_deleted", example: "'on_deleted: keep'")
            guard let policy = IngestPlan.DeletedSourcePolicy(rawValue: text) else {
                throw ConfigError(
                    .invalidValue(
                        what: "'on_deleted' of \(context)",
                        problem: "Use 'keep' (rows of deleted sources stay) or 'drop'."),
                    at: reader.location(node))
            }
            spec.onDeleted = policy
        }
        if let node = value("schema_evolution") {
            let text = try string(node, "schema_evolution", example: "'schema_evolution: additive'")
            guard let evolution = DatasetSchema.Evolution(rawValue: text) else {
                throw ConfigError(
                    .invalidValue(
                        what: "'schema_evolution' of \(context)",
                        problem:
                            "'\(text)' is not a schema evolution. Use 'additive' (new columns join, integers widen to "
                            + "doubles: the default) or 'frozen' (any change rejects the file)."),
                    at: reader.location(node))
            }
            spec.schemaEvolution = evolution
        }
        spec.jobs = try positive(value("jobs"), "jobs")
        spec.rowGroupRows = try positive(value("row_group_rows"), "row_group_rows") ?? spec.rowGroupRows
        spec.schemaVersion = try positive(value("schema_version"), "schema_version") ?? spec.schemaVersion
        if let node = value("csv"), !reader.isNull(node) {
            let csv = try reader.mapping(
                node, what: "the 'csv' options of \(context)", example: "'csv: {delimiter: \";\"}'")
            try reader.checkKeys(csv, allowed: IngestStageSpec.csvKeys, context: "the 'csv' options of \(context)")
            func option(_ key: String) -> Node? { csv.first { $0.key == key }?.value }
            if let node = option("delimiter") { spec.delimiter = try singleByte(node, "csv.delimiter") }
            if let node = option("quote") { spec.quote = reader.isNull(node) ? nil : try singleByte(node, "csv.quote") }
            if let node = option("escape") {
                spec.escape = reader.isNull(node) ? nil : try singleByte(node, "csv.escape")
            }
            if let node = option("comment") {
                spec.comment = try string(node, "csv.comment", example: "'comment: \"//\"'")
            }
            spec.header = try bool(option("header"), "csv.header", default: true)
            if let node = option("null_values") { spec.nullValues = try strings(node, "csv.null_values") }
            if let node = option("encoding") {
                let name = try string(node, "csv.encoding", example: "'encoding: latin1'")
                guard let latin1 = CSVOptions.isLatin1(encodingName: name) else {
                    throw ConfigError(
                        .invalidValue(
                            what: "'csv.encoding' of \(context)",
                            problem:
                                "Use 'utf-8' (the default) or 'latin1' (Windows-1252, as Windows instruments write)."),
                        at: reader.location(node))
                }
                spec.latin1 = latin1
            }
            if let node = option("decimal") {
                let mark = try string(node, "csv.decimal", example: "'decimal: \",\"'")
                guard mark == "." || mark == "," else {
                    throw ConfigError(
                        .invalidValue(
                            what: "'csv.decimal' of \(context)",
                            problem: "Use '.' (the default) or ',' for numbers written with a decimal comma."),
                        at: reader.location(node))
                }
                spec.decimalComma = mark == ","
                if spec.decimalComma && spec.delimiter == "," {
                    throw ConfigError(
                        .invalidValue(
                            what: "'csv.decimal' of \(context)",
                            problem: "With a decimal comma the delimiter cannot be ','. Set 'delimiter: \";\"' too."),
                        at: reader.location(node))
                }
            }
        }
        return spec
    }

    private func path(_ node: Node, what: String) throws(ConfigError) -> String {
        let raw = try reader.string(node, what: "the \(what)", example: "'source: data/raw'")
        switch ProjectPath.normalize(raw) {
        case .success(let path): return path
        case .failure(.empty): throw ConfigError(.emptyPath(what: what), at: reader.location(node))
        case .failure(.outside):
            throw ConfigError(.pathOutsideProject(what: what, path: raw), at: reader.location(node))
        case .failure(.stateFolder):
            throw ConfigError(.pathInsideStateFolder(what: what, path: raw), at: reader.location(node))
        }
    }

    private func string(_ node: Node, _ key: String, example: String) throws(ConfigError) -> String {
        try reader.string(node, what: "the '\(key)' of stage '\(stage)'", example: example)
    }

    /// A scalar as written, whatever YAML made of it (`2014..2016` is a string, `2015` an integer).
    private func scalarText(_ node: Node, _ what: String, example: String) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node, !reader.isNull(node) else {
            throw ConfigError(
                .wrongType(
                    what: "the \(what) of stage '\(stage)'", expected: "a value or a range",
                    found: reader.describe(node), example: example),
                at: reader.location(node))
        }
        return scalar.string
    }

    private func strings(_ node: Node?, _ key: String) throws(ConfigError) -> [String] {
        guard let node, !reader.isNull(node) else { return [] }
        if case .scalar = node { return [try string(node, key, example: "'\(key): [a, b]'")] }
        guard case .sequence(let sequence) = node else {
            throw ConfigError(
                .wrongType(
                    what: "the '\(key)' of stage '\(stage)'", expected: "a list of strings",
                    found: reader.describe(node), example: "'\(key): [a, b]'"),
                at: reader.location(node))
        }
        var result: [String] = []
        for element in sequence { result.append(try string(element, key, example: "'\(key): [a, b]'")) }
        return result
    }

    private enum MetadataMode { case off, required, optional }

    /// `header_metadata: true` (every file has a metadata block), `optional` or `false`.
    private func headerMetadataMode(_ node: Node?) throws(ConfigError) -> MetadataMode {
        guard let node else { return .off }
        if case .scalar(let scalar) = node, scalar.string == "optional" { return .optional }
        guard case .scalar(let scalar) = node, node.tag.rawValue == Tag.Name.bool.rawValue,
            let flag = Bool.construct(from: scalar)
        else {
            throw ConfigError(
                .wrongType(
                    what: "the 'header_metadata' of stage '\(stage)'", expected: "true, optional or false",
                    found: reader.describe(node), example: "'header_metadata: true'"),
                at: reader.location(node))
        }
        return flag ? .required : .off
    }

    private func bool(_ node: Node?, _ key: String, default fallback: Bool) throws(ConfigError) -> Bool {
        guard let node else { return fallback }
        guard case .scalar(let scalar) = node, node.tag.rawValue == Tag.Name.bool.rawValue,
            let flag = Bool.construct(from: scalar)
        else {
            throw ConfigError(
                .wrongType(
                    what: "the '\(key)' of stage '\(stage)'", expected: "true or false", found: reader.describe(node),
                    example: "'\(key): true'"),
                at: reader.location(node))
        }
        return flag
    }

    private func positive(_ node: Node?, _ key: String) throws(ConfigError) -> Int? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node, node.tag.rawValue == Tag.Name.int.rawValue,
            let number = Int(scalar.string), number > 0
        else {
            throw ConfigError(
                .wrongType(
                    what: "the '\(key)' of stage '\(stage)'", expected: "a positive integer",
                    found: reader.describe(node), example: "'\(key): 2'"),
                at: reader.location(node))
        }
        return number
    }

    private func singleByte(_ node: Node, _ key: String) throws(ConfigError) -> String {
        let text = try string(node, key, example: "'\(key.split(separator: ".").last!): \";\"'")
        guard text.utf8.count == 1 else {
            throw ConfigError(
                .invalidValue(
                    what: "'\(key)' of stage '\(stage)'",
                    problem: "It must be a single ASCII character such as ',' or ';' (write a tab as \"\\t\")."),
                at: reader.location(node))
        }
        return text
    }

    private func typeMapping(_ node: Node?, what: String) throws(ConfigError) -> [String: String] {
        guard let node, !reader.isNull(node) else { return [:] }
        var result: [String: String] = [:]
        for entry in try reader.mapping(node, what: "the \(what)", example: "'schema: {i_a: double, t_s: double}'") {
            let text = try reader.string(
                entry.value, what: "the type of column '\(entry.key)' in the \(what)", example: "'\(entry.key): double'"
            )
            guard ColumnTypeName.parse(text) != nil else {
                throw ConfigError(
                    .invalidValue(
                        what: "type of column '\(entry.key)' in the \(what)",
                        problem: UnknownColumnTypeError(column: entry.key, text: text).description),
                    at: reader.location(entry.value))
            }
            result[entry.key] = text
        }
        return result
    }
}
