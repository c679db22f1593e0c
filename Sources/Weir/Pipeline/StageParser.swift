import Foundation
import Yams

/// Parses one entry under `stages:`.
struct StageParser {
    let reader: YAMLReader
    let projectRoot: String
    let sharedParams: [String: JSONValue]
    /// The project-wide `executor` and `slurm` options.
    var execution = StageExecution.local

    static let keys = [
        "cmd", "deps", "params", "params_file", "out", "kind", "desc", "metrics", "executor", "slurm",
    ]
    /// The keys of an ingest stage besides its options: where it runs.
    static let ingestExecutionKeys = ["executor", "slurm", "shards"]
    /// Kinds the SPEC names that later versions add; they get a "not available yet" message.
    static let laterKinds = ["query"]
    /// The keys every kind accepts.
    static let commonKeys = ["deps", "out", "kind", "desc"]

    func parse(name: String, keyNode: Node, node: Node) throws(ConfigError) -> StageDefinition {
        let context = "stage '\(name)'"
        let entries = try reader.mapping(node, what: context, example: "'\(name): {cmd: …, out: …}'")
        func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }

        if let kindNode = value("kind") {
            let kind = try reader.string(kindNode, what: "the kind of \(context)", example: "'kind: command'")
            if kind == StageKind.ingest.rawValue {
                return try parseIngest(name: name, keyNode: keyNode, entries: entries)
            }
            if kind == StageKind.resample.rawValue {
                return try parseResample(name: name, keyNode: keyNode, entries: entries)
            }
            if kind == StageKind.export.rawValue {
                let (spec, input) = try ExportStageParser(reader: reader, stage: name).parse(entries, keyNode: keyNode)
                return try transform(
                    .export, name: name, keyNode: keyNode, entries: entries, keys: ExportStageSpec.keys,
                    document: spec.document, inputs: [input]
                ) { $0.export = spec }
            }
            if kind == StageKind.merge.rawValue {
                try reader.checkKeys(entries, allowed: Self.commonKeys + MergeStageSpec.keys, context: "stage '\(name)'")
                let (spec, inputs) = try MergeStageParser(reader: reader, stage: name).parse(entries, keyNode: keyNode)
                return try transform(
                    .merge, name: name, keyNode: keyNode, entries: entries, keys: MergeStageSpec.keys,
                    document: spec.document, inputs: inputs
                ) { $0.merge = spec }
            }
            if kind == StageKind.quality.rawValue {
                let (spec, input) = try QualityStageParser(reader: reader, stage: name).parse(entries, keyNode: keyNode)
                return try transform(
                    .quality, name: name, keyNode: keyNode, entries: entries, keys: QualityStageSpec.keys,
                    document: spec.document, inputs: [input]
                ) { $0.quality = spec }
            }
            if Self.laterKinds.contains(kind) {
                throw ConfigError(.kindNotAvailable(stage: name, kind: kind), at: reader.location(kindNode))
            }
            guard kind == StageKind.command.rawValue else {
                let suggestion = DidYouMean.suggestion(
                    for: kind, among: ["command", "ingest", "resample", "merge", "export", "quality"] + Self.laterKinds)
                throw ConfigError(
                    .unknownKind(stage: name, kind: kind, suggestion: suggestion), at: reader.location(kindNode))
            }
        }
        try reader.checkKeys(entries, allowed: Self.keys, context: context)

        guard let commandNode = value("cmd") else {
            throw ConfigError(
                .missingKey(key: "cmd", context: context, example: "cmd: sh build.sh ${out}"),
                at: reader.location(keyNode))
        }
        let command = try reader.string(
            commandNode, what: "the 'cmd' of \(context)", example: "'cmd: sh build.sh ${out}'")
        guard let outNode = value("out") else {
            throw ConfigError(
                .missingKey(key: "out", context: context, example: "out: build/\(name)"), at: reader.location(keyNode))
        }
        let out = try path(outNode, what: "output of \(context)", example: "'out: build/\(name)'")
        let description = try value("desc").map { node throws(ConfigError) in
            try reader.string(node, what: "the 'desc' of \(context)", example: "'desc: Cleans the raw files'")
        }

        let deps = try dependencies(value("deps"), stage: name)
        let params = try stageParams(value("params"), file: value("params_file"), stage: name)
        try PlaceholderValidator(reader: reader, stage: name, deps: deps, params: params)
            .validate(command, node: commandNode)

        var definition = StageDefinition(
            name: name, kind: .command, command: command, deps: deps, params: params, out: out,
            description: description, location: reader.location(keyNode))
        definition.metrics = try metricsFiles(value("metrics"), context: context)
        definition.execution = try ExecutionParser(reader: reader).stage(
            name, entries: entries, defaults: execution, allowsShards: false)
        return definition
    }

    /// `metrics: [metrics.json, eval/scores.json]`: JSON files inside the stage's output.
    private func metricsFiles(_ node: Node?, context: String) throws(ConfigError) -> [String] {
        guard let node, !reader.isNull(node) else { return [] }
        let items: [Node]
        if case .sequence(let list) = node { items = Array(list) } else { items = [node] }
        var files: [String] = []
        for item in items {
            let text = try reader.string(
                item, what: "a 'metrics' file of \(context)", example: "'metrics: [metrics.json]'")
            let parts = text.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
            guard !text.hasPrefix("/"), !parts.isEmpty, !parts.contains("..") else {
                throw ConfigError(
                    .invalidValue(
                        what: "'metrics' of \(context)",
                        problem: "'\(text)' is not a path inside the stage's output. Name a JSON file the command "
                            + "writes into ${out}, such as 'metrics.json' or 'eval/scores.json'."),
                    at: reader.location(item))
            }
            files.append(parts.joined(separator: "/"))
        }
        return files
    }

    /// An ingest stage: its options, its source as a path dependency named `source`, and the
    /// canonical options as its "command", so that changing an option re-stages the files.
    private func parseIngest(
        name: String, keyNode: Node, entries: [(key: String, keyNode: Node, value: Node)]
    ) throws(ConfigError) -> StageDefinition {
        let context = "stage '\(name)'"
        try reader.checkKeys(
            entries, allowed: Self.commonKeys + IngestStageSpec.keys + Self.ingestExecutionKeys, context: context)
        func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }
        let spec = try IngestStageParser(reader: reader, stage: name).parse(entries, keyNode: keyNode)
        guard let outNode = value("out") else {
            throw ConfigError(
                .missingKey(key: "out", context: context, example: "out: data/\(name)"), at: reader.location(keyNode))
        }
        let out = try path(outNode, what: "output of \(context)", example: "'out: data/\(name)'")
        let description = try value("desc").map { node throws(ConfigError) in
            try reader.string(node, what: "the 'desc' of \(context)", example: "'desc: Stages the raw files'")
        }
        var deps = try dependencies(value("deps"), stage: name)
        if deps.contains(where: { $0.name == "source" }) {
            throw ConfigError(
                .invalidValue(
                    what: "'deps' of \(context)",
                    problem: "The dep name 'source' is taken by the stage's 'source' folder. Rename the dep."),
                at: reader.location(value("deps")!))
        }
        deps.append(
            StageDependency(name: "source", target: .path(spec.source), location: reader.location(value("source")!)))
        let command: String
        do {
            command = "ingest " + (try spec.document.canonicalString())
        } catch {
            throw ConfigError(
                .invalidValue(what: "options of \(context)", problem: "\(error)"), at: reader.location(keyNode))
        }
        var definition = StageDefinition(
            name: name, kind: .ingest, command: command, deps: deps, params: [:], out: out,
            description: description, location: reader.location(keyNode), ingest: spec)
        definition.execution = try ExecutionParser(reader: reader).stage(
            name, entries: entries, defaults: execution, allowsShards: true)
        return definition
    }

    /// A resample stage: its options, its input as a dependency named `input`, and the canonical
    /// options as its "command", so that changing an option runs it again.
    private func parseResample(
        name: String, keyNode: Node, entries: [(key: String, keyNode: Node, value: Node)]
    ) throws(ConfigError) -> StageDefinition {
        try reader.checkKeys(entries, allowed: Self.commonKeys + ResampleStageSpec.keys, context: "stage '\(name)'")
        let (spec, input) = try ResampleStageParser(reader: reader, stage: name).parse(entries, keyNode: keyNode)
        let definition = try transform(
            .resample, name: name, keyNode: keyNode, entries: entries, keys: ResampleStageSpec.keys,
            document: spec.document, inputs: [input]
        ) { _ in }
        return StageDefinition(
            name: definition.name, kind: .resample, command: definition.command, deps: definition.deps, params: [:],
            out: definition.out, description: definition.description, location: definition.location, resample: spec)
    }

    func path(_ node: Node, what: String, example: String) throws(ConfigError) -> String {
        let raw = try reader.string(node, what: "the \(what)", example: example)
        switch ProjectPath.normalize(raw) {
        case .success(let path): return path
        case .failure(.empty): throw ConfigError(.emptyPath(what: what), at: reader.location(node))
        case .failure(.outside):
            throw ConfigError(.pathOutsideProject(what: what, path: raw), at: reader.location(node))
        case .failure(.stateFolder):
            throw ConfigError(.pathInsideStateFolder(what: what, path: raw), at: reader.location(node))
        }
    }

    func dependencies(_ node: Node?, stage: String) throws(ConfigError) -> [StageDependency] {
        guard let node, !reader.isNull(node) else { return [] }
        let example = "'deps: {raw: data/raw, clean: stage:clean}'"
        var deps: [StageDependency] = []
        for entry in try reader.mapping(node, what: "the 'deps' of stage '\(stage)'", example: example) {
            guard Naming.isValid(entry.key) else {
                throw ConfigError(.invalidName(name: entry.key, what: "dep"), at: reader.location(entry.keyNode))
            }
            let what = "dep '\(entry.key)' of stage '\(stage)'"
            let text = try reader.string(entry.value, what: "the \(what)", example: example)
            let location = reader.location(entry.value)
            if text.hasPrefix("stage:") {
                let upstream = String(text.dropFirst("stage:".count)).trimmingCharacters(in: .whitespaces)
                guard !upstream.isEmpty else { throw ConfigError(.emptyPath(what: what), at: location) }
                deps.append(StageDependency(name: entry.key, target: .stage(upstream), location: location))
            } else {
                let path = try path(entry.value, what: what, example: example)
                deps.append(StageDependency(name: entry.key, target: .path(path), location: location))
            }
        }
        return deps
    }

    private func stageParams(_ node: Node?, file fileNode: Node?, stage: String) throws(ConfigError) -> [String:
        JSONValue]
    {
        var params = sharedParams
        var own: [String: JSONValue] = [:]
        if let node {
            for param in try reader.params(node, what: "the 'params' of stage '\(stage)'") {
                own[param.name] = param.value
            }
        }
        if let fileNode {
            let relative = try path(
                fileNode, what: "params file of stage '\(stage)'", example: "'params_file: params.yaml'")
            for param in try ParamsFile(projectRoot: projectRoot).load(relative, at: reader.location(fileNode)) {
                if own[param.name] != nil {
                    throw ConfigError(
                        .paramDefinedTwice(stage: stage, param: param.name, file: relative), at: param.location)
                }
                params[param.name] = param.value
            }
        }
        params.merge(own) { _, new in new }
        try checkEnvironmentNames(Array(params.keys), stage: stage, node: node ?? fileNode)
        return params
    }

    private func checkEnvironmentNames(_ names: [String], stage: String, node: Node?) throws(ConfigError) {
        var seen: [String: String] = [:]
        for name in names.sorted() {
            let variable = Naming.environmentName(forParam: name)
            if let first = seen[variable] {
                let location = node.map(reader.location) ?? SourceLocation(file: reader.file, line: 1, column: 1)
                throw ConfigError(
                    .duplicateEnvironmentName(first: first, second: name, variable: variable), at: location)
            }
            seen[variable] = name
        }
    }
}
