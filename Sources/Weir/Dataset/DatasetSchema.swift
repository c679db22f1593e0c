import Foundation
import WeirColumns

/// The schema a dataset keeps in `_manifest/schema.json`: one column list per kind of file (per
/// value of the stage's `schema_key`, else one), each with its version and the history of its
/// changes.
///
/// The first batch fixes a kind's columns from the types of all its files; later files must fit
/// them. With ``Evolution-swift.enum/additive`` a new column joins and a column widens (an
/// integer to a double, a timestamp to a finer unit), each change bumping the kind's version.
public struct DatasetSchema: Sendable, Hashable, Codable {
    /// What later files may change.
    public enum Evolution: String, Sendable, Hashable, Codable, CaseIterable {
        /// New nullable columns join; integers widen to doubles and timestamps to finer units.
        case additive
        /// Any change rejects the file.
        case frozen
    }

    /// The version of this file's layout.
    public var format = 1
    public var evolution: Evolution
    /// The stage's `schema_key`: the field whose value names a file's kind.
    public var key: String?
    /// The digest of the stage options the schema was fixed under: options that change how files
    /// are read (a declared type, the time zone) fix it afresh.
    public var configuration: String
    public var kinds: [KindSchema]

    public init(evolution: Evolution, configuration: String, kinds: [KindSchema] = []) {
        self.evolution = evolution
        self.configuration = configuration
        self.kinds = kinds
    }

    /// The schema of the files whose `schema_key` value is `kind` (`nil`: no key, or no value).
    public func kind(_ kind: String?) -> KindSchema? {
        kinds.first { $0.kind == kind }
    }

    /// Replaces (or adds) the schema of `schema.kind`.
    mutating func set(_ schema: KindSchema) {
        if let index = kinds.firstIndex(where: { $0.kind == schema.kind }) {
            kinds[index] = schema
        } else {
            kinds.append(schema)
            kinds.sort { ($0.kind ?? "") < ($1.kind ?? "") }
        }
    }
}

/// The columns of one kind of file, with their history.
public struct KindSchema: Sendable, Hashable, Codable {
    /// The `schema_key` value of these files; `nil` for a dataset without one.
    public var kind: String?
    /// Bumped by every change; starts at the stage's `schema_version` (default 1).
    public var version: Int
    public var columns: [SchemaColumn]
    /// Every version, oldest first, with the changes that made it.
    public var history: [SchemaVersionRecord]

    public init(kind: String?, version: Int, columns: [SchemaColumn], history: [SchemaVersionRecord] = []) {
        self.kind = kind
        self.version = version
        self.columns = columns
        self.history = history
    }

    /// The type of column `name`, or `nil` when the schema has no such column.
    public func type(of name: String) -> ColumnType? {
        columns.first { $0.name == name }?.columnType
    }
}

/// A column of a dataset schema.
public struct SchemaColumn: Sendable, Hashable, Codable {
    public var name: String
    /// The type as `schema:` entries write it: `double`, `int64`, `timestamp_us_utc`.
    public var type: String

    public init(name: String, type: ColumnType) {
        self.name = name
        self.type = ColumnTypeName.name(of: type)
    }

    /// The type, parsed; a type name Weir cannot read (a schema written by a newer Weir) is text.
    public var columnType: ColumnType { ColumnTypeName.parse(type) ?? .string }
}

/// One version of a kind's schema: who made it, when, and what changed.
public struct SchemaVersionRecord: Sendable, Hashable, Codable {
    public var version: Int
    /// The session of the batch that made it.
    public var session: String
    /// The pipeline run (of the ingest stage) that made it, when run by `weir run`.
    public var run: String?
    /// The manifest snapshot committed with it.
    public var snapshot: Int?
    /// UTC, ISO 8601.
    public var at: String
    public var changes: [SchemaChange]
}

/// One change to a kind's schema.
public struct SchemaChange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The first batch fixed the columns.
        case created
        /// The stage's options changed, so the columns were fixed afresh from the files.
        case reset
        /// A column joined.
        case added
        /// A column's type widened.
        case widened
    }

    public var change: Kind
    public var column: String?
    public var old: String?
    public var new: String?
    /// The source file (relative to the source folder) that brought the change.
    public var file: String?

    public init(change: Kind, column: String? = nil, old: String? = nil, new: String? = nil, file: String? = nil) {
        self.change = change
        self.column = column
        self.old = old
        self.new = new
        self.file = file
    }

    /// `added 'temp_c' (double)`, `widened 'i_a' int64 → double`.
    public var text: String {
        switch change {
        case .created: return "created"
        case .reset: return "fixed afresh (the stage's options changed)"
        case .added: return "added '\(column ?? "")' (\(new ?? ""))"
        case .widened: return "widened '\(column ?? "")' \(old ?? "") → \(new ?? "")"
        }
    }
}
