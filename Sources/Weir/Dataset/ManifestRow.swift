import WeirColumns

/// One row of a dataset's manifest: what became of one source file.
public struct ManifestRow: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case staged
        case rejected
    }

    /// The id of the staging run that wrote this file's data (a hex digest).
    public var runID: String
    /// The source file, relative to the ingest stage's source folder.
    public var sourcePath: String
    public var sourceSize: Int64
    /// SHA-256 of the source file's bytes, hex.
    public var sourceHash: String
    public var status: Status
    /// Why the file was rejected; `nil` when staged.
    public var reason: String?
    /// Rows written to the dataset (0 when rejected).
    public var rows: Int64
    /// Rows routed to the rejects table.
    public var rejectedRows: Int64
    /// The Parquet part file, relative to the dataset folder; `nil` when rejected.
    public var dataPath: String?
    /// Partition keys, filename fields and header metadata, typed.
    public var fields: [String: Value]
    public var schemaVersion: Int32
    public var weirVersion: String
    public var session: String
    /// Microseconds since 1970, UTC.
    public var ingestedAt: Int64

    public init(
        runID: String, sourcePath: String, sourceSize: Int64, sourceHash: String, status: Status, reason: String? = nil,
        rows: Int64, rejectedRows: Int64 = 0, dataPath: String?, fields: [String: Value], schemaVersion: Int32 = 1,
        weirVersion: String, session: String, ingestedAt: Int64
    ) {
        self.runID = runID
        self.sourcePath = sourcePath
        self.sourceSize = sourceSize
        self.sourceHash = sourceHash
        self.status = status
        self.reason = reason
        self.rows = rows
        self.rejectedRows = rejectedRows
        self.dataPath = dataPath
        self.fields = fields
        self.schemaVersion = schemaVersion
        self.weirVersion = weirVersion
        self.session = session
        self.ingestedAt = ingestedAt
    }
}
