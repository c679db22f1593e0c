import WeirColumns

/// The validated options of a `kind: export` stage.
///
/// ``document`` is the canonical description the stage's fingerprint uses: every option that can
/// change the files written is in it.
public struct ExportStageSpec: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case csv
        case parquet
    }

    public enum Codec: String, Sendable, Hashable, CaseIterable {
        case none
        case gzip
        case snappy
        case zstd
    }

    public var input: StageDependency.Target
    public var format: Format
    public var compression: Codec
    /// The file's name (in each partition folder with `partitionBy`).
    public var file: String
    /// One folder per value of these columns (`key=value/…`), which the files then leave out.
    public var partitionBy: [ResampleStageSpec.Named]
    /// Rows per Parquet row group.
    public var rowGroupRows: Int
    /// The memory budget in bytes (for sorting rows into their partitions).
    public var memory: Int

    static let keys = ["input", "format", "compression", "file", "partition_by", "row_group_rows", "memory"]

    /// The codecs each format takes, the default first.
    static func codecs(for format: Format) -> [Codec] {
        switch format {
        case .csv: [.none, .gzip]
        case .parquet: [.snappy, .none, .gzip, .zstd]
        }
    }

    /// `part-00000.csv.gz`: the file name when none is given with `partition_by`.
    static func defaultFile(format: Format, compression: Codec) -> String {
        "part-00000." + format.rawValue + (format == .csv && compression == .gzip ? ".gz" : "")
    }

    /// The canonical description used in the fingerprint (`memory` changes how, not what).
    public var document: JSONValue {
        let input: String
        switch self.input {
        case .path(let path): input = path
        case .stage(let stage): input = "stage:" + stage
        }
        return .object([
            "input": .string(input), "format": .string(format.rawValue), "compression": .string(compression.rawValue),
            "file": .string(file), "partition_by": .array(partitionBy.map { .string($0.name) }),
            "row_group_rows": .int(Int64(rowGroupRows)), "version": .int(1),
        ])
    }

    /// Checks the partition columns against the input's schema, before any row is read.
    public func check(_ schema: Schema, stage: String) throws(ConfigError) {
        for named in partitionBy { _ = try named.field(in: schema, role: "'partition_by'", stage: stage) }
    }
}
