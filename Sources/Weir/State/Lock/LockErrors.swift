/// Another process holds the project lock.
public struct LockHeldError: UserFacingError {
    /// The holder, nil when its details could not be read from the lock file.
    public let holder: LockHolder?
    /// How long the caller waited before giving up, nil when it did not wait.
    public let waited: Double?
    /// Where the holder's details are kept, as messages name it.
    public var recordPlace = "'.weir/lock'"

    public var exitStatus: Int32 { 1 }
    public var description: String {
        let who =
            holder.map { "by \($0.summary)" }
            ?? "by another weir process (its details in \(recordPlace) could not be read)"
        guard let waited else {
            return "The project is locked \(who). Wait for it to finish, or pass --wait."
        }
        return "The project is still locked \(who) after waiting \(Self.seconds(waited)). "
            + "Wait for it to finish and try again, or wait longer."
    }

    private static func seconds(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return text + (rounded == 1 ? " second" : " seconds")
    }
}

/// The lock file could not be opened or locked.
public struct LockFileError: UserFacingError {
    public let path: String
    public let operation: String
    public let detail: String

    public var exitStatus: Int32 { 1 }
    public var description: String {
        "Could not \(operation) the lock file '\(path)': \(detail). Check that the folder '.weir' is writable by you."
    }
}
