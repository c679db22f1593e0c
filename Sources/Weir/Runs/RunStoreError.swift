#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A run folder or output link that could not be read, written or committed.
public enum RunStoreError: UserFacingError, Hashable {
    case system(path: String, operation: String, code: Int32)
    case hashing(HashingError)
    /// A `_SUCCESS` record that cannot be read back.
    case unreadableRecord(path: String, detail: String)
    /// The output path holds something other than a link Weir made.
    case outputOccupied(stage: String, path: String, what: String)
    /// A version or link points at a run whose folder is gone (garbage-collected or deleted).
    case runMissing(runID: String, stage: String)

    public var exitStatus: Int32 { 1 }

    public var description: String {
        switch self {
        case .system(let path, let operation, let code):
            return
                "Cannot \(operation) '\(path)': \(String(cString: strerror(code))). Check the permissions and free space of the project folder."
        case .hashing(let error):
            return error.description
        case .unreadableRecord(let path, let detail):
            return
                "The run record '\(path)' cannot be read (\(detail)). Run 'weir verify' to see which runs are damaged, then re-run the stage with 'weir run --force STAGE'."
        case .outputOccupied(let stage, let path, let what):
            return
                "The output path '\(path)' of stage '\(stage)' is \(what), not a link Weir manages. Move it away; Weir links that path to the stage's current run."
        case .runMissing(let runID, let stage):
            return
                "The run \(runID.prefix(12)) of stage '\(stage)' is no longer in '.weir/runs' (it was garbage-collected or deleted). Re-create it with 'weir run', or check out a version whose runs still exist."
        }
    }
}
