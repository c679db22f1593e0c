import WeirParquet

/// What went wrong in an operator, where, and how to fix it.
public struct ComputeError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The caller asked for something the input cannot give (an unknown column, a mean of text).
        case invalidArgument
        /// The input's content is unusable (files whose schemas disagree, an integer sum that overflows).
        case invalidInput
        /// A spill or input file could not be read or written.
        case io
        /// The budget is too small for the operator's minimum working set.
        case memory
    }

    public var kind: Kind
    /// A sentence saying what is wrong, with the bad value in quotes and the fix at the end.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// Wraps a Parquet error met while reading input or spill files.
    static func parquet(_ error: ParquetError) -> ComputeError {
        ComputeError(error.kind == .io ? .io : .invalidInput, error.description)
    }
}
