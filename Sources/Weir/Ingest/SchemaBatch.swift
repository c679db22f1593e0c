import Foundation
import WeirColumns
import WeirParquet

/// The dataset's schema through one ingest batch: what the files are checked against while they
/// are staged, what the batch settles from the files it staged, and its commit beside the
/// manifest.
struct SchemaBatch {
    private let store: DatasetSchemaStore
    private let layout: DatasetLayout
    private let configuration: IngestConfiguration
    private let context: IngestRunner.Context
    /// As stored before the batch.
    private let stored: DatasetSchema?
    /// The options changed since the schema was fixed: every kind is fixed afresh from this batch.
    private let reset: Bool
    /// What the files are checked against while they are staged.
    private(set) var known: DatasetSchema
    /// The schema after the batch.
    private(set) var final: DatasetSchema
    /// Changes made by the batch.
    private(set) var changeCount = 0
    private var changed = false
    private let now = Date()

    init(
        layout: DatasetLayout, configuration: IngestConfiguration, manifest: [ManifestRow],
        context: IngestRunner.Context
    ) throws {
        self.layout = layout
        self.configuration = configuration
        self.context = context
        store = DatasetSchemaStore(layout: layout)
        stored = try store.current()
        let digest = configuration.configurationDigest
        let fresh = DatasetSchema(evolution: configuration.schemaEvolution, configuration: digest)
        if let stored, stored.configuration == digest {
            reset = false
            known = stored
        } else if stored != nil {
            reset = true
            known = fresh
        } else {
            reset = false
            known = fresh
        }
        final = known
        if stored == nil { try describeExistingParts(manifest) }
    }

    /// A dataset staged before schemas were kept: its kinds are described from their parts, as
    /// if they had been staged in one batch.
    private mutating func describeExistingParts(_ rows: [ManifestRow]) throws {
        var files: [String?: [SchemaEvolution.FileColumns]] = [:]
        for row in rows where row.status == .staged {
            guard let dataPath = row.dataPath,
                let reader = try? ParquetFileReader(path: layout.root + "/" + dataPath)
            else { continue }
            let kind = configuration.schemaKey.flatMap { key in row.fields[key].flatMap { $0 == .null ? nil : $0.text }
            }
            files[kind, default: []].append(.init(path: row.sourcePath, fields: reader.schema.fields))
        }
        for (kind, columns) in files {
            var (schema, _) = SchemaEvolution.settle(
                current: nil, kind: kind, version: Int(configuration.schemaVersion), files: columns)
            schema.history = [record(version: schema.version, [SchemaChange(change: .created)])]
            final.set(schema)
            changed = true
        }
        known = final
    }

    /// Settles each kind from the files the first pass staged.
    mutating func settle(_ outcomes: [FileStager.Outcome]) {
        var files: [String?: [SchemaEvolution.FileColumns]] = [:]
        var kinds: [String?] = []
        for outcome in outcomes where outcome.row.status == .staged && outcome.part != nil {
            if files[outcome.kind] == nil { kinds.append(outcome.kind) }
            files[outcome.kind, default: []].append(
                .init(path: outcome.row.sourcePath, fields: outcome.fields, valueless: outcome.valueless))
        }
        let base = Int(configuration.schemaVersion)
        for kind in kinds.sorted(by: { ($0 ?? "") < ($1 ?? "") }) {
            let current = known.kind(kind)
            var (schema, changes) = SchemaEvolution.settle(
                current: current, kind: kind, version: base, files: files[kind] ?? [])
            if current == nil {
                if reset, let previous = stored?.kind(kind) {
                    schema.version = max(previous.version + 1, base)
                    schema.history =
                        previous.history + [record(version: schema.version, [SchemaChange(change: .reset)])]
                } else {
                    schema.history = [record(version: schema.version, [SchemaChange(change: .created)])]
                }
                changeCount += 1
            } else if !changes.isEmpty {
                schema.history.append(record(version: schema.version, changes))
                changeCount += changes.count
            } else {
                continue
            }
            final.set(schema)
            changed = true
        }
    }

    /// Whether a file staged in the first pass has a column of another type than the batch settled.
    func mustRestage(_ outcome: FileStager.Outcome) -> Bool {
        guard outcome.row.status == .staged, outcome.part != nil, let schema = final.kind(outcome.kind) else {
            return false
        }
        return outcome.fields.contains { field in schema.type(of: field.name).map { $0 != field.type } ?? true }
    }

    /// The version of the schema a file of `kind` was staged under.
    func version(of kind: String?) -> Int32 {
        Int32(final.kind(kind)?.version ?? Int(configuration.schemaVersion))
    }

    /// Writes the schema, if the batch changed it, as the copy of manifest snapshot `number`.
    mutating func commit(snapshot number: Int) throws {
        guard changed || reset else { return }
        for kind in final.kinds.indices {
            for entry in final.kinds[kind].history.indices where final.kinds[kind].history[entry].snapshot == nil {
                final.kinds[kind].history[entry].snapshot = number
            }
        }
        final.evolution = configuration.schemaEvolution
        final.key = configuration.schemaKey
        final.configuration = configuration.configurationDigest
        try store.commit(final, snapshot: number)
    }

    private func record(version: Int, _ changes: [SchemaChange]) -> SchemaVersionRecord {
        SchemaVersionRecord(
            version: version, session: context.session, run: context.run, snapshot: nil,
            at: ISO8601DateFormatter().string(from: now), changes: changes)
    }
}
