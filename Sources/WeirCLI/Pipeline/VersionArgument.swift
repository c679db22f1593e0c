import ArgumentParser

/// A version on the command line: `v3` or `3`.
struct VersionArgument: ExpressibleByArgument, Sendable, Hashable {
    let id: Int64

    init?(argument: String) {
        let digits = argument.hasPrefix("v") || argument.hasPrefix("V") ? String(argument.dropFirst()) : argument
        guard let id = Int64(digits), id > 0 else { return nil }
        self.id = id
    }

    static var defaultValueDescription: String { "v1" }
}
