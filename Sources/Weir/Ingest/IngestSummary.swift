/// What one ingest batch did.
public struct IngestSummary: Sendable, Hashable, Codable {
    public var discovered = 0
    /// Files whose content was already staged (or already rejected for the same reason).
    public var skipped = 0
    public var staged = 0
    /// Files rejected in this batch (unmatched names, unreadable or malformed content).
    public var rejected = 0
    /// Files a filter left out.
    public var filteredOut = 0
    /// Manifest rows whose source disappeared (kept or dropped by the stage's policy).
    public var deleted = 0
    public var rows: Int64 = 0
    public var rejectedRows: Int64 = 0
    public var bytesRead: Int64 = 0
    /// Files hashed because the stat cache could not vouch for them.
    public var hashed = 0
    /// The manifest snapshot this batch committed; `nil` when nothing changed.
    public var snapshot: Int?
    /// Changes this batch made to the dataset's schema (columns added or widened, kinds fixed).
    public var schemaChanges: Int?
    public var seconds: Double = 0

    public init() {}
}
