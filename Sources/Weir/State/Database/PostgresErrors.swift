/// The PostgreSQL server of a project's state could not be reached or refused the login.
public struct StateServerError: UserFacingError {
    /// The state database's URL; messages show it without the password.
    public let url: PostgresURL
    /// What the server did, e.g. `could not be reached: connection refused`.
    public let problem: String
    public let fix: String

    public var exitStatus: Int32 { 2 }
    public var description: String { "The state database '\(url.redacted)' \(problem). \(fix)" }
}

/// The state store was written by a newer Weir, whose schema this one does not know.
public struct StateSchemaTooNewError: UserFacingError {
    /// The store as shown to the user: a path, or a URL without its password.
    public let store: String
    /// The newest migration the store records.
    public let found: String
    /// The newest migration this Weir knows.
    public let known: String

    public var exitStatus: Int32 { 2 }
    public var description: String {
        "The state store '\(store)' has schema version '\(found)', newer than this Weir's '\(known)'. "
            + "Use the Weir that wrote it, or a newer one."
    }
}

/// The connection to the PostgreSQL state database was lost and could not be opened again.
public struct StateConnectionLostError: UserFacingError {
    public let store: String
    public let attempts: Int
    public let seconds: Double
    public let detail: String

    public var exitStatus: Int32 { 1 }
    public var description: String {
        "Lost the connection to the state database '\(store)' and could not reconnect in \(attempts) attempts "
            + "over \(Int(seconds.rounded())) seconds (\(detail)). Nothing committed was lost; run the command "
            + "again once the server is back."
    }
}

/// The connection that held the project lock was lost, and another process took the lock meanwhile.
public struct ProjectLockLostError: UserFacingError {
    public let store: String

    public var exitStatus: Int32 { 1 }
    public var description: String {
        "The project lock on '\(store)' was lost with the connection to the server, and another weir command "
            + "holds it now. This command stopped; nothing committed is lost. Run it again when the other has finished."
    }
}
