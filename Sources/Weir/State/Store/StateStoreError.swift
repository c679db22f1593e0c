import GRDB

/// The state store file exists but is not an SQLite database, or SQLite found it damaged.
public struct StateStoreCorruptError: UserFacingError {
    /// The path as shown to the user (project-relative when the store belongs to a project).
    public let path: String
    /// SQLite's own account of the problem.
    public let detail: String

    public var exitStatus: Int32 { 1 }
    public var description: String {
        "The state store '\(path)' is not a valid SQLite database (\(detail)). Move it aside and run 'weir run' "
            + "to rebuild the state, or restore it from a backup."
    }
}

/// Reading or writing the state store failed.
public struct StateStoreError: UserFacingError {
    public let path: String
    /// What the store was doing, e.g. `record run 'ab12…'`.
    public let operation: String
    public let detail: String
    /// SQLite's primary result code, when SQLite reported the failure.
    public let resultCode: Int32?
    /// What to do, when the result code does not tell (a PostgreSQL store).
    public var hint: String? = nil

    public var exitStatus: Int32 { 1 }
    public var description: String {
        let fix: String
        switch resultCode {
        case nil where hint != nil: fix = hint!
        case 5, 6: fix = "Another weir process kept the store busy for too long; try again when it has finished."
        case 13: fix = "The disk is full; free some space and try again."
        case 3, 8, 14: fix = "Check that the folder '\(parentFolder)' and the store are writable by you."
        default: fix = "Check the file, or move it aside and run 'weir run' to rebuild the state."
        }
        return "The state store '\(path)' could not \(operation): \(detail). \(fix)"
    }

    private var parentFolder: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}

/// A record the caller named does not exist.
public struct StateRecordNotFoundError: UserFacingError {
    /// `version`, `run`, `session`.
    public let kind: String
    public let identifier: String
    /// How to find a valid identifier.
    public let hint: String

    public init(kind: String, identifier: String, hint: String) {
        self.kind = kind
        self.identifier = identifier
        self.hint = hint
    }

    public var exitStatus: Int32 { 1 }
    public var description: String { "There is no \(kind) '\(identifier)'. \(hint)" }
}

/// A prefix matched several records.
public struct AmbiguousIdentifierError: UserFacingError {
    public let kind: String
    public let prefix: String
    /// Each candidate as shown to the user, e.g. `3f2a9c…  (stage clean)`.
    public let candidates: [String]
    /// How to name one of the candidates.
    public let fix: String

    public init(kind: String, prefix: String, candidates: [String], fix: String = "Give more characters of the id.") {
        self.kind = kind
        self.prefix = prefix
        self.candidates = candidates
        self.fix = fix
    }

    public var exitStatus: Int32 { 1 }
    public var description: String {
        "The \(kind) '\(prefix)' is ambiguous; it matches:\n"
            + candidates.map { "  " + $0 }.joined(separator: "\n") + "\n" + fix
    }
}

/// An identifier that cannot name any record, such as a run prefix that is too short or not hexadecimal.
public struct InvalidIdentifierError: UserFacingError {
    public let kind: String
    public let identifier: String
    public let reason: String

    public init(kind: String, identifier: String, reason: String) {
        self.kind = kind
        self.identifier = identifier
        self.reason = reason
    }

    public var exitStatus: Int32 { 1 }
    public var description: String { "The \(kind) '\(identifier)' is not valid: \(reason)." }
}

extension StateStoreError {
    /// Maps any error from GRDB to the store's user-facing errors.
    static func wrap(_ error: any Error, path: String, operation: String) -> any Error {
        if error is UserFacingError { return error }
        if let error = error as? DatabaseError {
            let code = error.resultCode.primaryResultCode
            let detail = error.message ?? "SQLite error \(code.rawValue)"
            if code == .SQLITE_NOTADB || code == .SQLITE_CORRUPT {
                return StateStoreCorruptError(path: path, detail: detail)
            }
            return StateStoreError(path: path, operation: operation, detail: detail, resultCode: code.rawValue)
        }
        return StateStoreError(path: path, operation: operation, detail: String(describing: error), resultCode: nil)
    }
}
