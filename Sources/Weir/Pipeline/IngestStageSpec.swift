import WeirCSV
import WeirColumns

/// The validated options of a `kind: ingest` stage, with project-relative paths.
///
/// ``document`` is the canonical description the stage's fingerprint uses: every option that can
/// change the dataset is in it, so changing one re-stages the files.
public struct IngestStageSpec: Sendable, Hashable {
    public var source: String
    public var pattern: String
    public var include: [String]
    public var exclude: [String]
    public var filters: [String: String]
    public var format: IngestConfiguration.SourceFormat?
    public var headerMetadata: Bool
    /// `header_metadata: optional`: files may lack the metadata block (with `true` they may not).
    public var headerMetadataOptional = false
    /// Fields every staged file must have a value for (`required:`).
    public var required: [String] = []
    public var timezone: String?
    public var partitionBy: [String]
    public var schema: [String: String]
    public var schemas: [String: [String: String]]
    public var schemaKey: String?
    public var delimiter: String
    public var quote: String?
    public var escape: String?
    public var comment: String?
    public var header: Bool
    public var nullValues: [String]
    /// `csv: {decimal: ","}`: numbers are written with a decimal comma.
    public var decimalComma = false
    /// `csv: {encoding: latin1}`: text is Windows-1252 / Latin-1.
    public var latin1 = false
    public var onBadRows: String
    public var onDeleted: IngestPlan.DeletedSourcePolicy
    public var jobs: Int?
    public var rowGroupRows: Int
    public var schemaVersion: Int
    /// `schema_evolution: additive` (the default) or `frozen`.
    public var schemaEvolution: DatasetSchema.Evolution = .additive

    /// The keys an ingest stage accepts besides `kind`, `out`, `deps` and `desc`.
    static let keys = [
        "source", "pattern", "include", "exclude", "filters", "format", "header_metadata", "timezone", "partition_by",
        "schema", "schemas", "schema_key", "csv", "on_bad_rows", "on_deleted", "jobs", "row_group_rows",
        "schema_version", "schema_evolution",
        "required",
    ]
    static let csvKeys = ["delimiter", "quote", "escape", "comment", "header", "null_values", "decimal", "encoding"]

    /// The canonical description used in the fingerprint (jobs excluded: it cannot change results).
    public var document: JSONValue {
        var members: [String: JSONValue] = [
            "source": .string(source), "pattern": .string(pattern),
            "include": .array(include.map(JSONValue.string)), "exclude": .array(exclude.map(JSONValue.string)),
            "filters": .object(filters.mapValues(JSONValue.string)),
            "format": format.map { .string($0.rawValue) } ?? .null,
            "header_metadata": headerMetadata && headerMetadataOptional ? .string("optional") : .bool(headerMetadata),
            "timezone": timezone.map(JSONValue.string) ?? .null,
            "partition_by": .array(partitionBy.map(JSONValue.string)),
            "schema": .object(schema.mapValues(JSONValue.string)),
            "schemas": .object(schemas.mapValues { .object($0.mapValues(JSONValue.string)) }),
            "schema_key": schemaKey.map(JSONValue.string) ?? .null,
            "on_bad_rows": .string(onBadRows), "on_deleted": .string(onDeleted.rawValue),
            "row_group_rows": .int(Int64(rowGroupRows)), "schema_version": .int(Int64(schemaVersion)),
        ]
        members["csv"] = .object([
            "delimiter": .string(delimiter), "quote": quote.map(JSONValue.string) ?? .null,
            "escape": escape.map(JSONValue.string) ?? .null, "comment": comment.map(JSONValue.string) ?? .null,
            "header": .bool(header), "null_values": .array(nullValues.map(JSONValue.string)),
        ])
        if decimalComma || latin1, case .object(var csv)? = members["csv"] {
            if decimalComma { csv["decimal"] = .string(",") }
            if latin1 { csv["encoding"] = .string("latin1") }
            members["csv"] = .object(csv)
        }
        if !required.isEmpty { members["required"] = .array(required.map(JSONValue.string)) }
        // Left out at its default, so that fingerprints from before the option stay the same.
        if schemaEvolution != .additive { members["schema_evolution"] = .string(schemaEvolution.rawValue) }
        return .object(members)
    }

    /// The runner's configuration for this project, writing the dataset to `output` (absolute).
    package func configuration(project: ProjectLocation, output: String, digest: String) throws -> IngestConfiguration {
        var configuration = IngestConfiguration(
            source: project.absolute(source), output: output, pattern: try FilenamePattern(pattern))
        configuration.include = include.map(Glob.init)
        configuration.exclude = exclude.map(Glob.init)
        let fieldTypes = Dictionary(uniqueKeysWithValues: configuration.pattern.fields.map { ($0.name, $0.type) })
        for (name, text) in filters {
            configuration.filters[name] = try FieldFilter.parse(text, field: name, type: fieldTypes[name] ?? .string)
        }
        configuration.format = format
        configuration.headerMetadata = headerMetadata
        configuration.metadataRequired = headerMetadata && !headerMetadataOptional
        configuration.requiredFields = required
        configuration.timezone = try timezone.map { name throws in try LocalTimeZone(name) }
        configuration.partitionBy = partitionBy
        configuration.schema = try ColumnTypeName.parse(schema)
        configuration.schemas = try schemas.mapValues { try ColumnTypeName.parse($0) }
        configuration.schemaKey = schemaKey
        var dialect = CSVDialect(
            delimiter: delimiter.utf8.first ?? UInt8(ascii: ","), quote: quote?.utf8.first, escape: escape?.utf8.first,
            commentPrefix: comment.map { Array($0.utf8) }, hasHeader: header)
        if comment == nil { dialect.commentPrefix = nil }
        configuration.csv = CSVOptions(
            dialect: dialect, nullStrings: nullValues,
            leadingLines: .collect(prefix: Array("#".utf8)))
        configuration.csv.decimalComma = decimalComma
        configuration.csv.latin1 = latin1
        configuration.rejectRows = onBadRows == "reject"
        configuration.onDeleted = onDeleted
        if let jobs { configuration.jobs = jobs }
        configuration.rowGroupRows = rowGroupRows
        configuration.schemaVersion = Int32(schemaVersion)
        configuration.schemaEvolution = schemaEvolution
        configuration.configurationDigest = digest
        return configuration
    }
}

/// Column type names in `schema:` entries.
enum ColumnTypeName {
    static let names: [String: ColumnType] = [
        "bool": .boolean, "boolean": .boolean,
        "int8": .int8, "int16": .int16, "int32": .int32, "int64": .int64, "int": .int64,
        "uint8": .uint8, "uint16": .uint16, "uint32": .uint32, "uint64": .uint64,
        "float": .float32, "float32": .float32, "double": .float64, "float64": .float64,
        "string": .string, "binary": .binary, "date": .date,
        "timestamp": .timestamp(unit: .microseconds, utc: false),
        "timestamp_ms": .timestamp(unit: .milliseconds, utc: false),
        "timestamp_us": .timestamp(unit: .microseconds, utc: false),
        "timestamp_ns": .timestamp(unit: .nanoseconds, utc: false),
        "timestamp_utc": .timestamp(unit: .microseconds, utc: true),
        "timestamp_ms_utc": .timestamp(unit: .milliseconds, utc: true),
        "timestamp_us_utc": .timestamp(unit: .microseconds, utc: true),
        "timestamp_ns_utc": .timestamp(unit: .nanoseconds, utc: true),
    ]

    /// The name `parse` reads back as `type`: `double`, `timestamp_ms_utc`, `decimal(10,2)`.
    static func name(of type: ColumnType) -> String {
        switch type {
        case .boolean: "bool"
        case .int(let bits, let signed): (signed ? "int" : "uint") + String(bits)
        case .float32: "float"
        case .float64: "double"
        case .string: "string"
        case .binary: "binary"
        case .fixedBinary(let width): "fixed_binary(\(width))"
        case .date: "date"
        case .timestamp(let unit, let utc): "timestamp_" + unit.rawValue + (utc ? "_utc" : "")
        case .decimal(let precision, let scale): "decimal(\(precision),\(scale))"
        case .list(let element): "list<\(member(element))>"
        case .structure(let fields):
            "struct<" + fields.map { "\(NestedTypeName.fieldName($0.name)): \(member($0))" }.joined(separator: ", ")
                + ">"
        case .map(let key, let value): "map<\(name(of: key.type)), \(member(value))>"
        }
    }

    /// A list's element, a struct's field or a map's value: its type, then `not null` when it
    /// may not be null.
    private static func member(_ field: Field) -> String {
        name(of: field.type) + (field.nullable ? "" : " not null")
    }

    /// `double`, `int64`, `timestamp_ms`, `decimal(10,2)`, `list<int64 not null>`,
    /// `struct<x: double, y: string>`, `map<string, int32>` …; `nil` when unknown.
    static func parse(_ text: String) -> ColumnType? {
        if text.contains("<") { return NestedTypeName.parse(text) }
        let lowered = text.lowercased().replacingOccurrences(of: " ", with: "")
        if let type = names[lowered] { return type }
        if lowered.hasPrefix("fixed_binary("), lowered.hasSuffix(")") {
            guard let width = Int(lowered.dropFirst(13).dropLast()), width > 0 else { return nil }
            return .fixedBinary(width: width)
        }
        if lowered.hasPrefix("decimal("), lowered.hasSuffix(")") {
            let parts = lowered.dropFirst(8).dropLast().split(separator: ",")
            guard parts.count == 2, let precision = Int(parts[0]), let scale = Int(parts[1]),
                (1...38).contains(precision), (0...precision).contains(scale)
            else { return nil }
            return .decimal(precision: precision, scale: scale)
        }
        return nil
    }

    static func parse(_ mapping: [String: String]) throws -> [String: ColumnType] {
        var result: [String: ColumnType] = [:]
        for (column, text) in mapping {
            guard let type = parse(text) else { throw UnknownColumnTypeError(column: column, text: text) }
            result[column] = type
        }
        return result
    }
}

/// A `schema:` entry whose type name is unknown.
struct UnknownColumnTypeError: Error, CustomStringConvertible {
    var column: String
    var text: String
    var description: String {
        "The type '\(text)' of column '\(column)' is unknown. Use one of bool, int8 … int64, uint8 … uint64, float, double, string, binary, date, timestamp, timestamp_ms, timestamp_ns, timestamp_utc (also timestamp_ms_utc, timestamp_ns_utc) or decimal(P,S)."
    }
}
