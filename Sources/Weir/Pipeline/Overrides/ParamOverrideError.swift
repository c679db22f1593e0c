/// A `--set` or `--params` override that cannot be applied: an unknown stage or param, a malformed
/// assignment, a value that is not valid YAML. Exits with status 2.
public struct ParamOverrideError: UserFacingError, Hashable {
    /// Where in a profile file the problem is; nil for `--set` on the command line.
    public let location: SourceLocation?
    public let message: String

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    public var exitStatus: Int32 { 2 }

    public var description: String { (location.map { "\($0): " } ?? "") + message }
}
