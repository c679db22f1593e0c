/// A `--stage` or `--sort` that names nothing the compared versions have (exit status 2).
public struct VersionComparisonError: UserFacingError, Hashable {
    public let message: String
    public var exitStatus: Int32 { 2 }
    public var description: String { message }

    static func unknownStage(_ stage: String, known: [String]) -> VersionComparisonError {
        let hint =
            DidYouMean.suggestion(for: stage, among: known).map { "Did you mean '\($0)'?" }
            ?? (known.isEmpty ? "They have no stages." : "Their stages are \(ConfigError.Kind.list(known)).")
        return VersionComparisonError(message: "None of the compared versions has the stage '\(stage)'. \(hint)")
    }

    static func unknownColumn(_ name: String, known: [String], names: [String]) -> VersionComparisonError {
        let hint =
            DidYouMean.suggestion(for: name, among: names).map { "Did you mean '\($0)'?" }
            ?? (known.isEmpty
                ? "The comparison has no param or metric columns."
                : "The columns are \(ConfigError.Kind.list(known)).")
        return VersionComparisonError(
            message:
                "The value '\(name)' is invalid for '--sort <column>': no column is named so. \(hint) A column may be named by its full name or by the part after ':' or '.' when only one column ends so."
        )
    }

    static func ambiguousColumn(_ name: String, matches: [String]) -> VersionComparisonError {
        VersionComparisonError(
            message:
                "The value '\(name)' for '--sort <column>' matches the columns \(ConfigError.Kind.list(matches)). Give the full name of one of them."
        )
    }
}
