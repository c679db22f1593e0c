import Foundation
import WeirCSV
import WeirColumns

/// Everything an `ingest` stage needs: where the raw files are, how to recognise and read them,
/// and how to lay out the dataset. Paths are absolute; the pipeline resolves them from `weir.yaml`.
public struct IngestConfiguration: Sendable {
    public enum SourceFormat: String, Sendable, Hashable, CaseIterable {
        case csv
        case parquet
    }

    /// The folder holding the raw files.
    public var source: String
    /// The dataset folder.
    public var output: String
    public var pattern: FilenamePattern
    public var include: [Glob] = []
    public var exclude: [Glob] = []
    public var filters: [String: FieldFilter] = [:]
    /// `nil` reads each file by its extension.
    public var format: SourceFormat?
    /// Map `# Key: value` lines above the header to typed fields.
    public var headerMetadata = true
    /// With ``headerMetadata``: reject a CSV file that has no metadata line at all.
    public var metadataRequired = false
    /// Fields (from the pattern or the metadata) a file must have a non-null value for, or be rejected.
    public var requiredFields: [String] = []
    /// Files from this size on are parsed and encoded on every core (smaller ones on one each).
    package var largeFileBytes: Int64 = 64 << 20
    /// The dataset folder is itself temporary until it is committed (a pipeline run's folder):
    /// part files are written in place rather than by temporary name and rename.
    package var outputIsTemporary = false
    /// The IANA zone of local timestamps (data columns and metadata); `nil` keeps them local.
    public var timezone: LocalTimeZone?
    /// Fields (from the pattern or the metadata) that name the partition folders, outermost first.
    public var partitionBy: [String] = []
    /// Declared column types for every file.
    public var schema: [String: ColumnType] = [:]
    /// Declared column types per kind of file: the value of `schemaKey` (a pattern or metadata
    /// field, e.g. `proc`) picks the entry.
    public var schemas: [String: [String: ColumnType]] = [:]
    public var schemaKey: String?
    /// How the CSV files are spelled (delimiter, quotes, nulls…); `errorMode` is set by `rejectRows`.
    public var csv = CSVOptions()
    /// Route bad rows to the rejects table and stage the rest, instead of rejecting the whole file.
    public var rejectRows = false
    public var onDeleted: IngestPlan.DeletedSourcePolicy = .keep
    /// Files staged at once (default: the number of cores).
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Rows per Parquet row group in the part files.
    public var rowGroupRows = 1_000_000
    /// What later files may change in the dataset's schema (`schema_evolution`).
    public var schemaEvolution: DatasetSchema.Evolution = .additive
    /// The first version of each kind's schema; bumped by hand when the meaning of the dataset's
    /// columns changes (each schema change bumps it further).
    public var schemaVersion: Int32 = 1
    /// A digest of the stage's configuration: part of every run id, so a changed configuration
    /// re-stages everything.
    public var configurationDigest: String = ""

    public init(source: String, output: String, pattern: FilenamePattern) {
        self.source = source
        self.output = output
        self.pattern = pattern
    }

    /// The declared types for a file with these fields.
    func columnTypes(for fields: [String: Value]) -> [String: ColumnType] {
        var types = schema
        if let schemaKey, let kind = fields[schemaKey]?.text, let specific = schemas[kind] {
            types.merge(specific) { _, specific in specific }
        }
        return types
    }
}
