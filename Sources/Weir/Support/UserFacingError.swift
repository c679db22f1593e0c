/// An error that a command reports to its user as it is, with the process exit status it implies.
///
/// `description` says what went wrong, where, and how to fix it. `exitStatus` is 1 when a stage or
/// command failed and 2 for a usage or configuration error, as the command line's contract says.
public protocol UserFacingError: Error, CustomStringConvertible {
    var exitStatus: Int32 { get }
}
